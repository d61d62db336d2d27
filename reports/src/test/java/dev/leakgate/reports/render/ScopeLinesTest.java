package dev.leakgate.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Instance;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.ScopeSummary;
import dev.leakgate.reports.model.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each request (scope) with the components built for it, the pool thread and the lines: in the model, the console and the HTML report. */
class ScopeLinesTest {
  private static final String[] LINES = {
    "dev.leakgate.harness.service.Agent.<init>(Agent.java:24)",
    "dev.leakgate.harness.service.Task.<init>(Task.java:24)",
    "dev.leakgate.harness.service.Crew.<init>(Crew.java:27)",
    "dev.leakgate.harness.service.LlmClient.<init>(LlmClient.java:22)"
  };

  /** Three requests, four processors each, built on the pool; one unscoped instance. */
  private static Report leaky() {
    List<Instance> instances = new ArrayList<>();
    long id = 0;
    for (int request = 3; request >= 1; request--) { // listed out of creation order on purpose
      for (String line : LINES) {
        instances.add(new Instance(100 * request + id++, "BatchSpanProcessor", line, "create-agent-" + request,
            "2026-11-30T00:00:00Z", "request-" + request, false, null, List.of()));
      }
    }
    instances.add(new Instance(1, "SdkTracerProvider", LINES[0], "main", "2026-11-30T00:00:00Z", null, false, null, List.of()));
    return new Report(Report.SCHEMA, "2026-11-30T00:00:00Z", new Source("probe", "leaky", 1L, "dev"),
        Map.of("BatchSpanProcessor", new Counts(12, 0, 12, 12, 0)), List.of(), instances, List.of(), List.of(), null);
  }

  @Test
  void scopesComeInCreationOrderWithTheirKindsThreadsAndLines() {
    List<ScopeSummary> scopes = ScopeSummary.of(leaky());

    assertThat(scopes).extracting(ScopeSummary::scope).containsExactly("request-1", "request-2", "request-3");
    ScopeSummary first = scopes.get(0);
    assertThat(first.kindsText()).isEqualTo("4 BatchSpanProcessor");
    assertThat(first.threads()).containsExactly("create-agent-1");
    assertThat(first.sites()).containsExactly(LINES);
  }

  @Test
  void theConsoleListsEachRequestWithWhatWasBuiltForIt() {
    String text = new ConsoleRenderer().render(leaky());

    assertThat(text).contains("Live components by scope (3 of 3, first built first; only instances still in memory or running):\n"
        + "  note: 1 instance was built outside every scope (at start-up, in a static initialiser): not listed here\n"
        + "  scope request-1: 4 BatchSpanProcessor built on create-agent-1 at " + LINES[0] + " and 3 more lines\n");
  }

  @Test
  void theHtmlReportHasATableOfScopes(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("r.html");
    new HtmlRenderer().write(leaky(), html);

    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).contains("<table id=\"scope-table\">", "<span class=\"nb\">request-2</span>", "<code class=\"nb\">create-agent-2</code>");
    String text = page.replaceAll("<span class=\"nb\">|</span><wbr>", "");
    for (String line : LINES) {
      assertThat(text).contains(line.replace("<", "&lt;").replace(">", "&gt;"));
    }
  }
}
