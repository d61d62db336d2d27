package dev.leakgate.reports.cli;

import static dev.leakgate.reports.testing.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateCommandTest {

  private static CommandRun gate(String... args) {
    return CommandRun.run(new GateCommand(), args);
  }

  @Test
  void gateFailsWithExitOneOnALeakingReport() {
    CommandRun run = gate(path("leaky.json").toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("FAIL LEAK: BatchSpanProcessor is LEAK")
        .contains("at dev.leakgate.harness.service.Agent.<init>(Agent.java:31)")
        .contains("gate: FAILED (1 failure): build telemetry once at start-up; shut down what you build");
    assertThat(run.out().indexOf("gate: FAILED")).as("the gate's result leads, the table follows")
        .isLessThan(run.out().indexOf("status  kind"));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void gatePassesWithExitZeroOnACleanReport() {
    CommandRun run = gate(path("clean.json").toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("gate: PASSED");
  }

  @Test
  void aFolderStandsForEveryReportInItSoOneLeakingJvmAmongCleanOnesFails(@TempDir Path dir) throws Exception {
    Files.copy(path("clean.json"), dir.resolve("r-101.json"));
    Files.copy(path("leaky.json"), dir.resolve("r-102.json"));
    Files.writeString(dir.resolve(".r-103.json-12345.tmp"), "{\"half a"); // another JVM still writing

    CommandRun run = gate(dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL LEAK: BatchSpanProcessor is LEAK", "gate: FAILED");
    assertThat(run.err()).isEmpty();

    Files.delete(dir.resolve("r-102.json"));
    assertThat(gate(dir.toString()).exitCode()).isZero();
  }

  @Test
  void aMisspelledKindInMaxLiveIsAUsageErrorListingTheKinds() {
    CommandRun run = gate(path("leaky.json").toString(), "--max-live", "BatchSpanProcesor=0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
        .contains("unknown kind \"BatchSpanProcesor\"")
        .contains("known kinds: BatchSpanProcessor, BatchLogRecordProcessor, PeriodicMetricReader, "));
  }

  @Test
  void aFolderWithoutReportsExitsTwoWithOneLine(@TempDir Path dir) {
    CommandRun run = gate(dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: " + dir + ": a folder without reports (no *.json file in it)\n");
  }

  @Test
  void gateExitsTwoWithOneLineNamingAMalformedFile() {
    CommandRun run = gate(path("malformed.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("error: " + path("malformed.json") + ": not valid JSON");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void gateExitsTwoOnAMissingFileAndOnAWrongSchema() {
    CommandRun missing = gate("does-not-exist.json");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("error: does-not-exist.json: no such file\n");

    CommandRun wrong = gate(path("wrong-schema.json").toString());
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).contains("not a LeakGate report (schema is \"foo\", expected \"leakgate.report/1\")");
  }

  @Test
  void gateExitsTwoOnUsageErrorsWithAClearMessage() {
    CommandRun noReport = gate();
    assertThat(noReport.exitCode()).isEqualTo(2);
    assertThat(noReport.err()).contains("Missing required parameter").contains("REPORT");

    CommandRun badStatus = gate("--fail-on", "LEAK,OOPS", path("clean.json").toString());
    assertThat(badStatus.exitCode()).isEqualTo(2);
    assertThat(badStatus.err()).contains("unknown status \"OOPS\"");

    CommandRun badLive = gate("--max-live", "BatchSpanProcessor=many", path("clean.json").toString());
    assertThat(badLive.exitCode()).isEqualTo(2);
    assertThat(badLive.err()).contains("expected [KIND=]N");
  }

  @Test
  void failOnNoneAcceptsEveryVerdictAsThePluginAndTheJUnitExtensionDo() {
    assertThat(gate(path("leaky.json").toString()).exitCode()).isEqualTo(1);

    CommandRun none = gate("--fail-on", "none", path("leaky.json").toString());

    assertThat(none.exitCode()).as(none.err()).isZero();
  }

  @Test
  void withABaselineANewLeakingSiteExitsOneAndAnUnchangedOneExitsZero() {
    CommandRun unchanged = gate("--baseline", path("leaky.json").toString(), path("leaky.json").toString());
    assertThat(unchanged.exitCode()).as(unchanged.toString()).isZero();

    CommandRun newSite = gate("--baseline", path("leaky.json").toString(), path("leaky-new-site.json").toString());
    assertThat(newSite.exitCode()).as(newSite.toString()).isEqualTo(1);
    assertThat(newSite.out()).contains("FAIL NEW_SITE: new culprit site, not in the baseline: BatchSpanProcessor at "
        + "dev.leakgate.harness.service.Memory.<init>(Memory.java:12)");
  }

  @Test
  void aMissingBaselineExitsTwo() {
    CommandRun run = gate("--baseline", "old.json", path("leaky.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: old.json: no such file\n");
  }

  @Test
  void severalReportsAreMergedSoShardCountsAddUp() {
    CommandRun run = gate("--max-live", "BatchSpanProcessor=79", "--fail-on", "CLEAN",
        path("shard-a.json").toString(), path("shard-b.json").toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("FAIL MAX_LIVE: BatchSpanProcessor: 80 live, more than --max-live 79");

    CommandRun within = gate("--max-live", "80", "--fail-on", "CLEAN",
        path("shard-a.json").toString(), path("shard-b.json").toString());
    assertThat(within.exitCode()).as(within.toString()).isZero();
  }

  @Test
  void theAgentsExitReportPassesUnlessMaxLiveIsGiven() {
    CommandRun plain = gate(path("agent-exit.json").toString());
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out()).contains("note: no verdict");

    CommandRun bounded = gate("--max-live", "0", path("agent-exit.json").toString());
    assertThat(bounded.exitCode()).isEqualTo(1);
  }

  @Test
  void helpDocumentsEveryOptionAndTheExitCodes() {
    CommandRun run = gate("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--fail-on", "--max-per-request", "--max-live", "--baseline", "--tolerance", "--tolerance-percent")
        .contains("Exit codes:", "0   the gate passed", "1   the gate failed", "2   a REPORT or the baseline is missing");
  }
}
