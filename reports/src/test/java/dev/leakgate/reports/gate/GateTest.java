package dev.leakgate.reports.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.testing.Fixtures;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {

  private final Gate defaults = new Gate(GatePolicy.defaults());

  @Test
  void aLeakingReportFailsWithItsFourCulpritSites() {
    GateResult result = defaults.check(Fixtures.report("leaky.json"));

    assertThat(result.passed()).isFalse();
    assertThat(result.exitCode()).isEqualTo(Gate.EXIT_FAILED);
    assertThat(result.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.kind()).isEqualTo("BatchSpanProcessor");
      assertThat(failure.type()).isEqualTo("LEAK");
      assertThat(failure.message()).contains("4.00 live per request");
      assertThat(failure.culprits()).extracting(Site::line).containsExactly(31, 24, 40, 18);
    });
  }

  @Test
  void aMaxLiveOfAnUnknownKindIsRefusedListingTheKnownKinds() {
    assertThatThrownBy(() -> GatePolicy.defaults().withMaxLive(Map.of("BatchSpanProcesor", 0L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown kind \"BatchSpanProcesor\" (known kinds: " + String.join(", ", Kinds.KNOWN) + ")");
    assertThat(GatePolicy.defaults().withMaxLive(Map.of("batchspanprocessor", 0L)).maxLive())
        .containsOnlyKeys("BatchSpanProcessor");
  }

  @Test
  void theDefaultLiveLimitOfTheMavenPluginFailsOnTheTestsPoolAndNeverOnProcessWideComponents() {
    Gate maven = new Gate(GatePolicy.defaults().withMaxLive(dev.leakgate.reports.cli.GateOptions.limits(
        java.util.List.of(dev.leakgate.reports.cli.GateOptions.parseMaxLive("0")))));

    GateResult result = maven.check(Fixtures.report("agent-exit-process-wide.json"));

    assertThat(result.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.type()).isEqualTo("MAX_LIVE");
      assertThat(failure.kind()).isEqualTo("ThreadPoolExecutor");
      assertThat(failure.culprits()).extracting(Site::site).containsExactly("com.acme.Orders.submit(Orders.java:21)");
    });
    assertThat(Gate.hint(result.failures())).isEqualTo("shut the pool down (shutdown/close) or build it once");
  }

  @Test
  void aReportWhoseOnlyLiveComponentsAreProcessWidePassesEveryLiveLimit() {
    Gate strict = new Gate(GatePolicy.defaults().withMaxLive(Map.of("BatchSpanProcessor", 0L, "Thread", 0L)));

    assertThat(strict.check(Fixtures.report("agent-exit-process-wide.json")).passed()).isTrue();
  }

  @Test
  void aCleanReportPasses() {
    assertThat(defaults.check(Fixtures.report("clean.json")).passed()).isTrue();
  }

  @Test
  void churnPassesByDefaultAndFailsWhenFailOnNamesIt() {
    assertThat(defaults.check(Fixtures.report("churn.json")).passed()).isTrue();

    GateResult strict =
        new Gate(GatePolicy.defaults().withFailOn(EnumSet.of(Status.LEAK, Status.CHURN)))
            .check(Fixtures.report("churn.json"));

    assertThat(strict.failures()).extracting(GateFailure::type).containsExactly("CHURN");
  }

  @Test
  void maxPerRequestFailsAKindAboveTheLimitEvenWhenItsStatusIsNotInFailOn() {
    GatePolicy policy = GatePolicy.defaults().withFailOn(EnumSet.noneOf(Status.class)).withMaxPerRequest(2.0);

    assertThat(new Gate(policy).check(Fixtures.report("leaky.json")).failures())
        .extracting(GateFailure::type)
        .containsExactly("MAX_PER_REQUEST");
    assertThat(new Gate(policy.withMaxPerRequest(4.0)).check(Fixtures.report("leaky.json")).passed()).isTrue();
  }

  @Test
  void aReportWithoutVerdictPassesWithANoteUnlessMaxLiveIsExceeded() {
    GateResult result = defaults.check(Fixtures.report("agent-exit.json"));

    assertThat(result.passed()).isTrue();
    assertThat(result.notes()).singleElement().asString().startsWith("no verdict");

    GateResult bounded =
        new Gate(GatePolicy.defaults().withMaxLive(Map.of("BatchSpanProcessor", 0L)))
            .check(Fixtures.report("agent-exit.json"));
    assertThat(bounded.failures()).extracting(GateFailure::type).containsExactly("MAX_LIVE");
    assertThat(
            new Gate(GatePolicy.defaults().withMaxLive(Map.of("BatchSpanProcessor", 1L)))
                .check(Fixtures.report("agent-exit.json"))
                .passed())
        .isTrue();
  }

  @Test
  void withABaselineAnUnchangedLeakingSitePasses() {
    GateResult result = defaults.check(Fixtures.report("leaky.json"), Fixtures.report("leaky.json"));

    assertThat(result.passed()).as(result.toString()).isTrue();
  }

  @Test
  void withABaselineANewLeakingSiteFails() {
    GateResult result =
        defaults.check(Fixtures.report("leaky-new-site.json"), Fixtures.report("leaky.json"));

    assertThat(result.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.type()).isEqualTo("NEW_SITE");
      assertThat(failure.message()).contains("Memory.<init>(Memory.java:12)");
    });
  }

  @Test
  void withABaselineAHigherRateFailsAndASmallRiseWithinToleranceDoesNot() {
    GateResult higher =
        defaults.check(Fixtures.report("leaky-higher-rate.json"), Fixtures.report("leaky.json"));
    assertThat(higher.failures()).extracting(GateFailure::type).containsExactly("HIGHER_RATE");

    GatePolicy loose = new GatePolicy(EnumSet.of(Status.LEAK), null, Map.of(), 2.5, 0.1);
    assertThat(new Gate(loose).check(Fixtures.report("leaky-higher-rate.json"), Fixtures.report("leaky.json")).passed())
        .isTrue();
  }

  @Test
  void withACleanBaselineEveryLeakingSiteIsNew() {
    GateResult result = defaults.check(Fixtures.report("leaky.json"), Fixtures.report("clean.json"));

    assertThat(result.failures()).extracting(GateFailure::type).contains("NEW_SITE", "LEAK", "HIGHER_RATE");
    assertThat(result.failures().stream().filter(failure -> failure.type().equals("NEW_SITE"))).hasSize(4);
  }
}
