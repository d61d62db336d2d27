package dev.leakgate.reports.cli;

import static dev.leakgate.reports.testing.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

  @Test
  void rendersHtmlSarifAndJUnitFromOneReport(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("leaks.html");
    Path sarif = dir.resolve("leaks.sarif");
    Path junit = dir.resolve("TEST-leakgate.xml");

    CommandRun run = CommandRun.run(new RenderCommand(), path("leaky.json").toString(),
        "--html", html.toString(), "--sarif", sarif.toString(), "--junit", junit.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("BatchSpanProcessor", "LEAK", "wrote HTML report to " + html);
    assertThat(Files.readString(html)).contains("<svg id=\"chart\"");
    assertThat(Files.readString(sarif)).contains("\"startLine\" : 31");
    assertThat(Files.readString(junit)).contains("<failure");
  }

  @Test
  void withoutOutputsItPrintsTheConsoleTableAndExitsZeroEvenForALeak() {
    CommandRun run = CommandRun.run(new RenderCommand(), path("leaky.json").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Top culprit sites:");
  }

  @Test
  void aMalformedReportExitsTwoAndAnUnwritableOutputToo(@TempDir Path dir) {
    CommandRun malformed = CommandRun.run(new RenderCommand(), path("malformed.json").toString());
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains("malformed.json: not valid JSON");

    Path unwritable = dir.resolve("no-such-dir").resolve("x.html");
    CommandRun run = CommandRun.run(new RenderCommand(), path("leaky.json").toString(), "--html", unwritable.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: " + unwritable + ": cannot write");
  }

  @Test
  void junitGetsOneGroupOfTestCasesPerReport(@TempDir Path dir) throws Exception {
    Path junit = dir.resolve("junit.xml");

    CommandRun run = CommandRun.run(new RenderCommand(), path("shard-a.json").toString(),
        path("clean.json").toString(), "--junit", junit.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Files.readString(junit))
        .contains("classname=\"leakgate.shard-a\" name=\"BatchSpanProcessor\"")
        .contains("classname=\"leakgate.fixed\" name=\"BatchSpanProcessor\"");
  }

  @Test
  void aFolderIsRenderedAsEveryReportInIt(@TempDir Path dir) throws Exception {
    Path reports = Files.createDirectory(dir.resolve("reports"));
    Files.copy(path("shard-a.json"), reports.resolve("a.json"));
    Files.copy(path("clean.json"), reports.resolve("b.json"));
    Path junit = dir.resolve("junit.xml");

    CommandRun run = CommandRun.run(new RenderCommand(), reports.toString(), "--junit", junit.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(Files.readString(junit))
        .contains("classname=\"leakgate.shard-a\" name=\"BatchSpanProcessor\"")
        .contains("classname=\"leakgate.fixed\" name=\"BatchSpanProcessor\"");
  }

  @Test
  void helpDocumentsTheOutputsAndExitCodes() {
    CommandRun run = CommandRun.run(new RenderCommand(), "--help");

    assertThat(run.out()).contains("--html", "--sarif", "--junit", "--source-root", "--fail-on", "Exit codes:");
  }
}
