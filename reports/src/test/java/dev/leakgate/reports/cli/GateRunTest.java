package dev.leakgate.reports.cli;

import dev.leakgate.reports.gate.GatePolicy;
import dev.leakgate.reports.gate.GateResult;
import static dev.leakgate.reports.testing.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakgate.reports.json.ReportFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateRunTest {

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
  void maxLiveIsAPlainNumberForEveryProcessorKindOrKindEqualsNumber() {
    assertThat(GateOptions.limits(List.of(GateOptions.parseMaxLive(" 0 "))))
        .containsOnlyKeys(GatePolicy.PROCESSOR_KINDS)
        .containsValue(0L);
    assertThat(GateOptions.limits(List.of(GateOptions.parseMaxLive("SdkTracerProvider=2"))))
        .isEqualTo(Map.of("SdkTracerProvider", 2L));
    assertThatThrownBy(() -> GateOptions.parseMaxLive("=2"))
        .hasMessage("expected [KIND=]N but the kind is empty in \"=2\"");
    assertThatThrownBy(() -> GateOptions.parseMaxLive("-1"))
        .hasMessage("expected [KIND=]N with N a whole number >= 0, got \"-1\"");
  }
}
