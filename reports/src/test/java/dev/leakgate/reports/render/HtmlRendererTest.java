package dev.leakgate.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Verdict;
import dev.leakgate.reports.testing.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {

  private final HtmlRenderer renderer = new HtmlRenderer();

  @Test
  void pageHasTheVerdictPerKindAChartLinePerKindAndTheCulpritTable() {
    String html = renderer.render(Fixtures.report("leaky.json"));

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).contains("<table id=\"kinds\">", "<svg id=\"chart\"", "<table id=\"culprits\">");
    assertThat(Pattern.compile("<polyline ").matcher(html).results().count()).isEqualTo(2);
    assertThat(Pattern.compile("<details>").matcher(html).results().count()).isEqualTo(4);
    assertThat(html).contains("Agent.&lt;init&gt;(Agent.java:31)");
  }

  @Test
  void processWideComponentsHaveTheirOwnSectionSayingWhy() {
    String html = renderer.render(Fixtures.report("agent-exit-process-wide.json"));

    assertThat(html).contains("<section id=\"process-wide\">", "Process-wide components (2 sites)",
        "<span class=\"nb\">FixedHandler.</span><wbr><span class=\"nb\">&lt;clinit&gt;(</span>", "built in a static initialiser",
        "built by the JDK for itself");
    assertThat(renderer.render(Fixtures.report("agent-exit.json"))).doesNotContain("id=\"process-wide\"");
  }

  @Test
  void aFailingGateSaysWhatToDoAboutTheKindThatFailedNotAboutTelemetry() {
    Report report = Fixtures.report("agent-exit-process-wide.json");
    dev.leakgate.reports.gate.GateResult failed = new dev.leakgate.reports.gate.Gate(
        dev.leakgate.reports.gate.GatePolicy.defaults().withMaxLive(java.util.Map.of("ThreadPoolExecutor", 0L))).check(report);

    String html = renderer.render(report, failed);

    assertThat(failed.passed()).isFalse();
    assertThat(html).contains("1 rule broken: shut the pool down (shutdown/close) or build it once")
        .doesNotContain("build telemetry once");
  }

  @Test
  void pageIsSelfContainedWithoutScriptsOrRemoteReferences() {
    String html = renderer.render(Fixtures.report("hostile.json"));

    assertThat(html).doesNotContainIgnoringCase("<script");
    assertThat(html).doesNotContain("src=\"", "href=", "url(", "@import");
    // the SVG namespace is an identifier, never fetched
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://", "//");
    assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
  }

  @Test
  void observedStringsAreEscapedByTheTemplateEngine() {
    String html = renderer.render(Fixtures.report("hostile.json"));

    assertThat(html).doesNotContain("<img", "<svg onload", "<b onmouseover", "</script><script>", "<i>Kind</i>", "</style><script>");
    // a long name is cut into parts the page may wrap between: read it whole
    assertThat(html.replace("</span><wbr><span class=\"nb\">", ""))
        .contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;")
        .contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
        .contains("com.acme.&lt;Evil&gt;.make(Evil.java:7)");
  }

  @Test
  void aReportWithoutSamplesShowsANoteInsteadOfTheChart() {
    String html = renderer.render(Fixtures.report("agent-exit.json"));

    assertThat(html).doesNotContain("<svg").contains("id=\"no-samples\"").contains("NO VERDICT");
  }

  @Test
  void aPageThatSawNoComponentSaysSoAndOneWithComponentsBuiltBeforeStartNamesThem() {
    assertThat(renderer.render(Fixtures.report("nothing-seen.json"))).contains("No OpenTelemetry component seen");
    assertThat(renderer.render(Fixtures.report("behind-another-agent.json")))
        .contains("Built before LeakGate started (counted below, creating lines unknown): 1 BatchSpanProcessor,"
            + " 1 SdkTracerProvider, 1 OpenTelemetrySdk.")
        .doesNotContain("No OpenTelemetry component seen");
  }

  @Test
  void chartStepsAreRoundNumbers() {
    assertThat(HtmlRenderer.niceStep(88)).isEqualTo(20);
    assertThat(HtmlRenderer.niceStep(22)).isEqualTo(5);
    assertThat(HtmlRenderer.niceStep(1)).isEqualTo(1);
    assertThat(HtmlRenderer.niceStep(1000)).isEqualTo(200);
  }

  @Test
  void kindsWhoseLinesCoincideAreEachDrawnWithTheirOwnDashMarkerWidthAndLegendEntry() {
    // same-line.json: four kinds with exactly the same samples, so their lines lie on top of each other
    String svg = svg(renderer.render(Fixtures.report("same-line.json")));

    List<String> dashes = all(svg, "<polyline class=\"series series-(\\d) (dash-\\d)\"");
    assertThat(dashes).hasSize(4).doesNotHaveDuplicates();
    List<Double> widths = all(svg, "<polyline [^>]*stroke-width=\"([0-9.]+)\"").stream().map(Double::valueOf).toList();
    assertThat(widths).as("drawn first, drawn widest").isSortedAccordingTo(Collections.reverseOrder()).doesNotHaveDuplicates();
    List<String> markers = all(svg, "<path class=\"marker series-\\d\" d=\"([^\"]+)\"><title>");
    assertThat(markers).hasSize(4).doesNotHaveDuplicates().allSatisfy(d -> assertThat(d).startsWith("M"));
    assertThat(all(svg, "<text class=\"legend\"[^>]*><title>[^<]*</title>([^<]+)</text>"))
        .containsExactly("SdkTracerProvider", "BatchSpanProcessor", "OpenTelemetrySdk", "BatchLogRecordProcessor");
  }

  @Test
  void culpritSitesAreOneRowPerCreatingLineListingItsKinds() {
    String culprits = culprits(renderer.render(Fixtures.report("same-line.json")));

    List<String> rows = all(culprits, "(?s)<tr>\\s*<td><code>(.+?)</code>").stream().map(HtmlRendererTest::text).toList();
    assertThat(rows).containsExactly(
        "com.acme.Telemetry.build(Telemetry.java:12)", "com.acme.Alpha.logs(Alpha.java:5)", "com.acme.Zeta.logs(Zeta.java:9)");
    String telemetry = culprits.substring(culprits.indexOf("Telemetry.build"), culprits.indexOf("Alpha.logs"));
    assertThat(all(telemetry, "<li><code class=\"nb\">([^<]+)</code>"))
        .as("most live first, ties by name")
        .containsExactly("BatchSpanProcessor", "OpenTelemetrySdk", "SdkTracerProvider");
    assertThat(telemetry).contains("<td class=\"num\">12</td>", "pool-1-thread-1", "pool-1-thread-2");
    assertThat(Pattern.compile("<details>").matcher(culprits).results().count()).isEqualTo(3);
  }

  @Test
  void culpritRowsWhoseCountsTieKeepOneOrderWhateverTheReportsOrder() {
    Report report = Fixtures.report("same-line.json");
    Verdict verdict = report.verdict();
    Report reversed = new Report(report.schema(), report.generatedAt(), report.source(), report.components(),
        reversedCopy(report.sites()), report.instances(), report.preExistingThreads(), report.samples(),
        new Verdict(verdict.status(), verdict.requests(), verdict.warmup(), verdict.perRequest(), verdict.byKind(),
            reversedCopy(verdict.sites())));

    assertThat(culprits(renderer.render(reversed))).isEqualTo(culprits(renderer.render(report)));
  }

  private static <T> List<T> reversedCopy(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private static String svg(String html) {
    return html.substring(html.indexOf("<svg id=\"chart\""), html.indexOf("</svg>"));
  }

  private static String culprits(String html) {
    int start = html.indexOf("<table id=\"culprits\">");
    return html.substring(start, html.indexOf("</table>", start));
  }

  private static List<String> all(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    List<String> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.group(matcher.groupCount()));
    }
    return found;
  }

  /** The text of some HTML, tags left out (a site's parts are spans with break opportunities between them). */
  private static String text(String html) {
    return html.replaceAll("<[^>]+>", "");
  }
}
