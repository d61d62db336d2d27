package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.LeakFiveTidyThree;
import dev.leakgate.it.support.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options cost one clear stderr line; the application always runs. */
class OptionsIT {
  @TempDir Path dir;

  private static ForkedJvm jvm() {
    return ForkedJvm.withTestClassesAndCurrentSdk();
  }

  @Test
  void unknownOptionPrintsOneLineNamingItAndTheApplicationRuns() throws Exception {
    ForkedJvm.Result result = jvm().agent("log=quiet,colour=red").run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("ran");
    assertThat(result.errLines()).containsExactly(
        "leakgate: unknown option 'colour' (allowed: " + dev.leakgate.agent.AgentOptions.ALLOWED + ")");
  }

  @Test
  void badStackDepthPrintsOneLineAndKeepsTheDefault() throws Exception {
    ForkedJvm.Result result = jvm().agent("stackDepth=lots,log=quiet").run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("ran");
    assertThat(result.errLines()).containsExactly(
        "leakgate: option 'stackDepth' must be a whole number from 1 to 1024, got 'lots'; using 32");
  }

  @Test
  void withoutOptionsTheAgentPrintsAtMostAOneLineBanner() throws Exception {
    ForkedJvm.Result result = jvm().agent("").run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).isZero();
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.errLines().get(0)).startsWith("leakgate: agent ").contains("active");
  }

  @Test
  void quietPrintsNothing() throws Exception {
    ForkedJvm.Result result = jvm().agent("log=quiet").run(LeakFiveTidyThree.class.getName());

    assertThat(result.errLines()).isEmpty();
  }

  @Test
  void anUnwritableReportPathIsReportedAtExitAndTheApplicationStillExitsNormally() throws Exception {
    ForkedJvm.Result result = jvm().agent("log=quiet,report=/proc/leakgate/cannot/r.json").run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("ran");
    assertThat(result.errLines()).singleElement().asString().startsWith("leakgate: could not write the report to /proc/leakgate/cannot/r.json");
  }

  @Test
  void aBadJmxValuePrintsOneLineAndTheApplicationRuns() throws Exception {
    ForkedJvm.Result result = jvm().agent("log=quiet,jmx=yes").run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("ran");
    assertThat(result.errLines()).containsExactly("leakgate: option 'jmx' must be on or off, got 'yes'; using off");
  }

  @Test
  void anUnknownPercentLetterInTheReportPathPrintsOneLineAtStartAndWritesNothing() throws Exception {
    ForkedJvm.Result result = jvm().agent("log=quiet,report=" + dir + "/r-%t.json").run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("ran");
    assertThat(result.errLines()).containsExactly("leakgate: option 'report' allows %p (the pid), %% (a percent sign) and %, (a comma) only, got '%t' in '"
        + dir + "/r-%t.json'; no report is written");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aReportFolderWhosePathHoldsACommaAndAPercentIsWrittenThereWhenEscaped() throws Exception {
    Path folder = dir.resolve("jobs/feature,x/%2Fmain");
    String escaped = folder.toString().replace("%", "%%").replace(",", "%,");
    ForkedJvm.Result result = jvm().agent("report=" + escaped + "/,log=quiet").run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).isZero();
    assertThat(result.errLines()).isEmpty();
    try (var files = Files.list(folder)) {
      assertThat(files).singleElement().asString().matches(".*/leakgate-\\d+-\\d+\\.json");
    }
  }

  @Test
  void aReportFolderThatCannotBeCreatedPrintsOneLineAtStartAndTheApplicationRuns() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    ForkedJvm.Result result = jvm().agent("log=quiet,report=" + file + "/reports/").run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("ran");
    assertThat(result.errLines()).containsExactly("leakgate: option 'report' needs a file or folder this JVM can create or write"
        + " (report=leaks-%p.json or report=reports/), got '" + file + "/reports/': " + file + " is a file, not a folder; no report is written");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
