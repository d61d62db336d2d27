package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.leakgate.reports.gate.Gate;
import java.util.Map;
import java.util.Set;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Runs {@link ParallelCase} concurrently and checks that exactly its leaky tests fail; shared by the Test and the IT. */
final class ParallelScenario {
  private ParallelScenario() {}

  static void onlyTheLeakyTestsFail() {
    EngineExecutionResults results = TestKit.run(Map.of(
        "junit.jupiter.execution.parallel.enabled", "true",
        "junit.jupiter.execution.parallel.mode.default", "concurrent",
        "junit.jupiter.execution.parallel.config.strategy", "fixed",
        // more workers than tests: every test must be running at once to pass the barrier
        "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(ParallelCase.TESTS + 2)),
        selectClass(ParallelCase.class));

    assertThat(TestKit.failed(results)).containsExactly("leaky1", "leaky2", "leaky3");
    assertThat(TestKit.succeeded(results)).containsExactly("clean1", "clean2", "clean3");
    for (String leaky : Set.of("leaky1", "leaky2", "leaky3")) {
      // one each: the other tests' processors, built at the same line at the same time, are not counted
      assertThat(TestKit.failureOf(results, leaky))
          .hasMessageStartingWith("LeakGate: the test left 1 BatchSpanProcessor live created at "
              + "dev.leakgate.junit.ParallelCase.tracer(ParallelCase.java:")
          .hasMessageContaining(" and 1 SdkTracerProvider live created at ")
          .hasMessageEndingWith("; " + Gate.HINT);
    }
  }
}
