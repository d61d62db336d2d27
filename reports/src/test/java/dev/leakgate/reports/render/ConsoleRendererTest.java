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
  void aReportWithoutVerdictShowsCountsAndTheSitesWithLiveComponents() {
    String table = renderer.render(Fixtures.report("agent-exit.json"));

    assertThat(table).startsWith("LeakGate report (agent): no verdict (counts only)");
    assertThat(table.lines()).contains("-       BatchSpanProcessor            -        1         0     1             1");
    assertThat(table).contains("Sites with live components:");
  }
}
