package compare.jupiter;

/** The same JUnit 5 tests with no check at all (and no agent): the cost baseline. */
class PlainJupiterTwin extends JupiterShapes {}
