package compare.jupiter;

import dev.leakgate.junit.LeakCheck;

/** LeakGate's check on every test, every setting at its default. */
@LeakCheck
class LeakCheckTwin extends JupiterShapes {}
