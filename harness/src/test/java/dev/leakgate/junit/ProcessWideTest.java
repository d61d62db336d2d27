package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Issue 16: a component built with a static initialiser on its creating stack is the process's: it
 * counts for no test and never fails one, whether the test class itself holds it or a helper class
 * the first test initialises; one test at a time (where a test running alone gets what is built
 * outside every scope) and in parallel. Surefire runs this class in a fresh JVM, where the first
 * test really initialises those classes.
 */
class ProcessWideTest {

  @Test
  void telemetryBuiltByStaticInitialisersFailsNoTestRunningOneAtATime() {
    EngineExecutionResults results = TestKit.run(TestKit.mode(TestKit.ONE_AT_A_TIME),
        selectClass(ProcessWideCase.InTheTestClass.class), selectClass(ProcessWideCase.InAHelperClass.class));

    assertThat(TestKit.failed(results)).as("%s", results.testEvents().failed().list()).isEmpty();
    assertThat(results.testEvents().succeeded().count()).isEqualTo(4);
  }

  @Test
  void telemetryBuiltByStaticInitialisersFailsNoTestInParallel() {
    EngineExecutionResults results = TestKit.run(TestKit.mode(TestKit.IN_PARALLEL),
        selectClass(ProcessWideCase.InTheTestClassInParallel.class), selectClass(ProcessWideCase.InAHelperClassInParallel.class));

    assertThat(TestKit.failed(results)).as("%s", results.testEvents().failed().list()).isEmpty();
    assertThat(results.testEvents().succeeded().count()).isEqualTo(4);
  }
}
