package dev.leakgate.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JmhGateCommandTest {

  private static CommandRun gate(String... args) {
    return CommandRun.run(new GateCommand(), args);
  }

  private static String jmh(String name) {
    try {
      return Path.of(JmhGateCommandTest.class.getResource("/jmh/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fixedVariantPassesWithExitZero() {
    CommandRun run = gate("--jmh", jmh("fixed.json"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("PASS CreateAgentLoad.oneClient variant=fixed: 0.00 live components added per operation (created 0.00 per op)")
        .contains("gate: PASSED (JMH: 2 runs, none added more than 0.50 live components per operation)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void leakyVariantAddingFourPerRequestFailsWithExitOne() {
    CommandRun run = gate("--jmh", jmh("leaky.json"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAIL CreateAgentLoad.fourClients variant=leaky: 4.00 live components added per operation (created 4.00 per op)")
        .contains("gate: FAILED (JMH: 2 of 2 runs added more than 0.50 live components per operation): "
            + "build telemetry once at start-up; shut down what you build");
  }

  @Test
  void churnCreatesPerRequestButAddsNothingLiveSoItPasses() {
    CommandRun run = gate("--jmh", jmh("churn.json"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("PASS CreateAgentLoad.oneClient variant=churn: 0.00 live components added per operation (created 1.00 per op)");
  }

  @Test
  void allowGrowthExemptsAVariantAndMaxPerRequestMovesTheLimit() {
    CommandRun allowed = gate("--jmh", jmh("leaky.json"), "--allow-growth", "leaky,per-thread");
    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    assertThat(allowed.out()).contains("growth allowed for this variant");

    CommandRun loose = gate("--jmh", jmh("leaky.json"), "--max-per-request", "5");
    assertThat(loose.exitCode()).as(loose.toString()).isZero();

    CommandRun strict = gate("--jmh", jmh("churn.json"), "--max-per-request", "-1");
    assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
  }

  @Test
  void severalFilesAreCheckedTogetherAndOneLeakFailsThem() {
    CommandRun run = gate("--jmh", jmh("fixed.json"), "--jmh", jmh("leaky.json"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("2 of 4 runs");
  }

  @Test
  void malformedJmhJsonExitsTwoWithOneLineNamingTheFile() {
    CommandRun truncated = gate("--jmh", jmh("truncated.json"));
    assertThat(truncated.exitCode()).isEqualTo(2);
    assertThat(truncated.err().lines()).singleElement().asString()
        .startsWith("error: " + jmh("truncated.json") + ": not valid JSON");
    assertThat(truncated.out()).isEmpty();

    CommandRun notArray = gate("--jmh", jmh("not-an-array.json"));
    assertThat(notArray.exitCode()).isEqualTo(2);
    assertThat(notArray.err()).isEqualTo("error: " + jmh("not-an-array.json")
        + ": not JMH results (expected the JSON array that -rf json writes)\n");

    CommandRun badScore = gate("--jmh", jmh("non-numeric-score.json"));
    assertThat(badScore.exitCode()).isEqualTo(2);
    assertThat(badScore.err()).contains("result 1: secondary metric \"liveGrowthPerOp\" has no numeric \"score\"");

    CommandRun missing = gate("--jmh", "no-such-results.json");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("error: no-such-results.json: no such file\n");
  }

  @Test
  void resultsWithoutTheGrowthScoreExitTwoRatherThanPassingVacuously() {
    CommandRun run = gate("--jmh", jmh("no-growth-metric.json"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no run reports liveGrowthPerOp");
  }

  @Test
  void neitherReportNorJmhIsAUsageError() {
    CommandRun run = gate();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: REPORT (or --jmh RESULTS.json)");
  }
}
