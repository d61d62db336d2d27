package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Issue 16: work that carries a test's scope counts for that test only, even when it builds after the
 * test ended, while the next test runs alone: that next test is never blamed for it.
 */
class LateWorkTest {

  @Test
  void theNextTestIsNeverBlamedForTheLateWorkOfTheTestBefore() {
    EngineExecutionResults results = TestKit.run(TestKit.mode(TestKit.ONE_AT_A_TIME), selectClass(LateWorkCase.class));

    assertThat(TestKit.succeeded(results)).as("%s", results.testEvents().failed().list())
        .contains("onlyWaitsWhileTheFirstTestsWorkBuilds");
  }
}
