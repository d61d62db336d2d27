package compare.junit4;

/** The same JUnit 4 tests with no check at all (JUnit's default runner): the cost baseline. */
public class PlainJunit4Twin extends Junit4Shapes {}
