package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.model.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AssertJ assertions pass on what they describe and fail with the numbers and culprits otherwise. */
class LeakAssertionsTest {
  private static final String SITE = "com.acme.Agent.<init>(Agent.java:24)";

  private static GrowthResult measured(Status status, double perRequest) {
    Verdict verdict = new Verdict(status, 20, 2, perRequest,
        Map.of("BatchSpanProcessor", new KindVerdict(status, perRequest, perRequest)), List.of(SITE));
    return new GrowthResult(new Report(Report.SCHEMA, "2026-11-29T23:40:00Z", null, Map.of(), List.of(),
        List.of(), List.of(), List.of(), verdict));
  }

  @Test
  void aLeakPassesIsLeakingAndFailsIsNotLeakingNamingRateCulpritAndHint() {
    GrowthResult leak = measured(Status.LEAK, 4.0);

    LeakAssertions.assertThat(leak).isLeaking().hasStatus(Status.LEAK).hasPerRequest("BatchSpanProcessor", 4.0).hasCulpritContaining("Agent.java:24");
    assertThatThrownBy(() -> LeakAssertions.assertThat(leak).isNotLeaking())
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected no leak but 4.0 per request stayed live, created at [" + SITE
            + "]; build telemetry once at start-up; shut down what you build");
    assertThatThrownBy(() -> LeakAssertions.assertThat(leak).hasAtMostPerRequest(0.0))
        .hasMessageContaining("BatchSpanProcessor added 4.0 per request");
  }

  @Test
  void aCleanResultFailsTheLeakExpectations() {
    GrowthResult clean = measured(Status.CLEAN, 0.0);

    LeakAssertions.assertThat(clean).isNotLeaking().hasAtMostPerRequest(0.0);
    assertThatThrownBy(() -> LeakAssertions.assertThat(clean).hasStatus(Status.LEAK)).hasMessageContaining("Expected status LEAK but was CLEAN");
    assertThatThrownBy(() -> LeakAssertions.assertThat(clean).hasPerRequest("BatchSpanProcessor", 4.0))
        .hasMessage("Expected 4.0 BatchSpanProcessor per request but measured 0.0");
    assertThatThrownBy(() -> LeakAssertions.assertThat(clean).hasCulpritContaining("Other.java"))
        .hasMessageContaining("culprit site containing <Other.java>");
  }
}
