package dev.leakgate.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.reports.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ConsoleRendererTest {

  private final ConsoleRenderer renderer = new ConsoleRenderer();

  @Test
  void tableListsEachKindWithStatusRateAndCountsThenTheCulpritSites() {
    String table = renderer.render(Fixtures.report("leaky.json"));

    assertThat(table.lines())
        .contains(
            "status  kind                per request  created  shutdown  live  live threads",
            "LEAK    BatchSpanProcessor         4.00       88         0    88            88",
            "Top culprit sites:");
    assertThat(table).contains("dev.leakgate.harness.service.LlmClient.<init>(LlmClient.java:18)");
    assertThat(table).doesNotContain("\u001b[");
  }

  @Test
  void processWideComponentsAreListedApartWithWhyNotInTheTable() {
    String table = renderer.render(Fixtures.report("agent-exit-process-wide.json"));

    assertThat(table.lines())
        .contains("-       ThreadPoolExecutor            -        3         2     1             1")
        .noneMatch(line -> line.startsWith("-       BatchSpanProcessor"))
        .contains("Process-wide components (no test's or request's; not counted above):")
        .anyMatch(line -> line.contains("BatchSpanProcessor") && line.contains("com.acme.FixedHandler.<clinit>(FixedHandler.java:12)")
            && line.endsWith("(built in a static initialiser)"))
        .anyMatch(line -> line.contains("Thread") && line.endsWith("(built by the JDK for itself)"));
  }

  @Test
  void aReportThatSawOnlyProcessWideComponentsSawSomethingAndListsThem() {
    String table = renderer.render(Fixtures.report("agent-exit-only-process-wide.json"));

    assertThat(table).startsWith("LeakGate report (agent): no verdict (counts only)")
        .doesNotContain(ConsoleRenderer.NOTHING_SEEN)
        .contains("Process-wide components (no test's or request's; not counted above):", "FixedHandler.<clinit>");
  }

  @Test
  void aReportWithoutVerdictShowsCountsAndTheSitesWithLiveComponents() {
    String table = renderer.render(Fixtures.report("agent-exit.json"));

    assertThat(table).startsWith("LeakGate report (agent): no verdict (counts only)");
    assertThat(table.lines()).contains("-       BatchSpanProcessor            -        1         0     1             1");
    assertThat(table).contains("Sites with live components:");
  }

  @Test
  void aProbeThatSawNoComponentSaysSoInItsHeadlineInsteadOfABareCleanOverAnEmptyTable() {
    String text = renderer.render(Fixtures.report("nothing-seen.json"));

    assertThat(text.lines().findFirst()).hasValue(
        "LeakGate report (probe, http://127.0.0.1:8080/owners): no OpenTelemetry component seen in this JVM over 2 requests (warm-up 2)");
    assertThat(text).doesNotContain("CLEAN", "status  kind").contains("sdkPackage=");
  }

  @Test
  void componentsBuiltBeforeLeakGateStartedAreCountedAndNamedAsSuch() {
    String text = renderer.render(Fixtures.report("behind-another-agent.json"));

    assertThat(text.lines()).contains(
        "-       BatchSpanProcessor            -        6         0     6             6",
        "Built before LeakGate started (counted above, creating lines unknown): 1 BatchSpanProcessor, 1 SdkTracerProvider,"
            + " 1 OpenTelemetrySdk; for their lines start LeakGate's -javaagent before any other agent");
    assertThat(text).doesNotContain(ConsoleRenderer.NOTHING_SEEN);
  }

  @Test
  void aChurnHeadlineNamesTheCreationRateItShowsNotALiveRate() {
    String table = renderer.render(Fixtures.report("churn.json"));

    assertThat(table.lines().findFirst()).hasValue(
        "LeakGate report (junit, churn): CHURN, 4.00 created per request, shut down again over 20 requests (warm-up 2)");
  }

  @Test
  void whereTheScopeLinesHoldOtherNumbersThanTheTableANoteSaysWhyOnTheSpot() {
    String table = renderer.render(Fixtures.report("junit-exit.json"));

    assertThat(table.lines()).contains(
        "-       SdkTracerProvider             -       23         1    22             0",
        "  note: 22 SdkTracerProvider counted live, 17 listed: the other 5 were garbage-collected without"
            + " shutdown() (still counted live, no longer in memory)");
    assertThat(table).doesNotContain("22 BatchSpanProcessor counted live");
  }
}
