package dev.leakgate.reports.cli;

import static dev.leakgate.reports.testing.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakgate.reports.gate.GateFailure;
import dev.leakgate.reports.gate.GatePolicy;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateRunTest {

  /** The probe prints these lines too, for a report it measured from another JVM, whose kinds may be hostile. */
  @Test
  void verdictLinesOfAMeasuredReportCannotForgeALineOrATerminalEscape() {
    String kind = "Evil\r\n::error file=App.java,line=1::forged\u001b[2J\u202E\uD800";
    Report report = new Report(Report.SCHEMA, "2026-11-30T14:00:00Z", null, Map.of(kind, new Counts(2, 0, 2, 0, 0)),
        List.of(), null, null, null, null);
    GateResult result = new GateResult(report, List.of(new GateFailure(kind, "MAX_LIVE", kind + ": 2 live", List.of())), List.of());

    assertThat(GateRun.verdictLines(result, false)).containsExactly(
        "FAIL MAX_LIVE: Evil\\r\\n::error file=App.java,line=1::forged\\u001B[2J\\u202E\uFFFD: 2 live",
        "gate: FAILED (1 failure): build telemetry once at start-up; shut down what you build");
  }

  @Test
  void aFolderOfReportsIsMergedGatedAndRenderedToEveryFormat(@TempDir Path dir) throws Exception {
    Files.copy(path("clean.json"), dir.resolve("r-1.json"));
    Files.copy(path("leaky.json"), dir.resolve("r-2.json"));

    GateRun run = GateRun.read(List.of(dir), null);
    GateResult result = run.check(GatePolicy.defaults());
    run.writeHtml(dir.resolve("out.html"));
    run.writeSarif(dir.resolve("out.sarif"), null);
    run.writeJUnit(dir.resolve("TEST-out.xml"), GatePolicy.defaults());

    assertThat(run.inputs()).hasSize(2);
    assertThat(result.passed()).isFalse();
    assertThat(run.verdictLines(result))
        .contains("    at dev.leakgate.harness.service.Agent.<init>(Agent.java:31)")
        .last().asString().startsWith("gate: FAILED (1 failure)");
    assertThat(dir.resolve("out.html")).isNotEmptyFile();
    assertThat(dir.resolve("out.sarif")).content().contains("Agent.java");
    assertThat(dir.resolve("TEST-out.xml")).content().contains("<failure");
  }

  @Test
  void aMalformedReportIsOneExceptionNamingTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"half");

    assertThatThrownBy(() -> GateRun.read(List.of(dir), null))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith(dir.resolve("broken.json") + ": not valid JSON");
  }

  @Test
  void maxLiveIsAPlainNumberForEveryThreadOwningKindOrKindEqualsNumber() {
    assertThat(GateOptions.limits(List.of(GateOptions.parseMaxLive(" 0 "))))
        .containsOnlyKeys(Kinds.THREAD_OWNING)
        .containsValue(0L);
    assertThat(GateOptions.limits(List.of(GateOptions.parseMaxLive("SdkTracerProvider=2"))))
        .isEqualTo(Map.of("SdkTracerProvider", 2L));
    assertThatThrownBy(() -> GateOptions.parseMaxLive("=2"))
        .hasMessage("expected [KIND=]N but the kind is empty in \"=2\"");
    assertThatThrownBy(() -> GateOptions.parseMaxLive("-1"))
        .hasMessage("expected [KIND=]N with N a whole number >= 0, got \"-1\"");
  }
}
