package sample.testkit;

/** Test fixtures for other modules' tests: a test folder that holds no test. */
public final class Processors {

  private Processors() {}

  public static String exporterName() {
    return "nowhere";
  }
}
