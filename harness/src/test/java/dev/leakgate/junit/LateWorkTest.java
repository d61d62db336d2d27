package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Issue 16: work that carries a test's scope counts for that test only, even when it builds after the
 * test ended, while the next test runs alone: that next test is never blamed for it. Issue 17: a test
 * waits for its own work in flight, so a fire-and-forget task that builds 700 ms after the test method
 * returned still fails that test; work that outlasts the timeout fails it with the reason.
 */
class LateWorkTest {

  @Test
  void theNextTestIsNeverBlamedForTheLateWorkOfTheTestBefore() {
    // the first test's work waits for the second test: it outlasts the first test's 2 s timeout
    EngineExecutionResults results = TestKit.run(
        Map.of("leakgate.junit.timeout", "2"), selectClass(LateWorkCase.class));

    assertThat(TestKit.succeeded(results)).as("%s", results.testEvents().failed().list())
        .containsExactly("onlyWaitsWhileTheFirstTestsWorkBuilds");
    assertThat(TestKit.failureOf(results, "handsOffWorkThatBuildsLater"))
        .hasMessageStartingWith("LeakGate: its work was still in flight after 2 s (1 task handed off and not ended)");
  }

  @Test
  void aFireAndForgetTaskThatBuildsAfterTheTestReturnedFailsThatTest() {
    for (String mode : List.of(TestKit.ONE_AT_A_TIME, TestKit.IN_PARALLEL)) {
      // a 5 s timeout: a test that waited for work due later, or for drained work, would fail with "still in flight"
      Map<String, String> config = new java.util.HashMap<>(TestKit.mode(mode));
      config.put("leakgate.junit.timeout", "5");
      EngineExecutionResults results = TestKit.run(config, selectClass(FireAndForgetCase.class));

      assertThat(TestKit.failed(results)).as(mode).containsExactlyInAnyOrder("leaksSevenHundredMillisLater", "schedulesALeakSevenHundredMillisAhead");
      for (String leaking : List.of("leaksSevenHundredMillisLater", "schedulesALeakSevenHundredMillisAhead")) {
        assertThat(TestKit.failureOf(results, leaking)).as(mode)
            .hasMessageStartingWith("LeakGate: the test left 1 BatchSpanProcessor live created at dev.leakgate.junit.FireAndForgetCase.lambda$");
      }
      assertThat(TestKit.succeeded(results)).as(mode)
          .containsExactlyInAnyOrder("shutsDownSevenHundredMillisLater", "schedulesWorkLaterThanItsTimeout", "dropsQueuedWorkWithShutdownNow");
    }
  }
}
