package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The seed end to end in JUnit: the handler answers before the pool builds the telemetry, on threads
 * the test never touches; the leaky variant's test fails naming the four creating lines, the fixed one passes.
 */
class SeedServiceTest {

  @Test
  void theLeakyServiceFailsItsTestNamingTheFourLinesAndTheFixedOnePasses() {
    EngineExecutionResults results = TestKit.run(Map.of(), selectClass(SeedServiceCase.class));

    assertThat(TestKit.succeeded(results)).containsExactly("fixedServiceCreatesAnAgent");
    assertThat(TestKit.failureOf(results, "leakyServiceCreatesAnAgent"))
        .hasMessageStartingWith("LeakGate: the test left 4 BatchSpanProcessor live created at ")
        .hasMessageContaining("dev.leakgate.harness.service.Agent.<init>(Agent.java:")
        .hasMessageContaining("dev.leakgate.harness.service.Task.<init>(Task.java:")
        .hasMessageContaining("dev.leakgate.harness.service.Crew.<init>(Crew.java:")
        .hasMessageContaining("dev.leakgate.harness.service.LlmClient.<init>(LlmClient.java:");
  }
}
