package dev.leakgate.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.reports.testing.Fixtures;
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

    assertThat(html)
        .doesNotContain("<img", "<svg onload", "<b onmouseover", "</script><script>", "<i>Kind</i>", "</style><script>")
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
  void chartStepsAreRoundNumbers() {
    assertThat(HtmlRenderer.niceStep(88)).isEqualTo(20);
    assertThat(HtmlRenderer.niceStep(22)).isEqualTo(5);
    assertThat(HtmlRenderer.niceStep(1)).isEqualTo(1);
    assertThat(HtmlRenderer.niceStep(1000)).isEqualTo(200);
  }
}
