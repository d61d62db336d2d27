package dev.leakgate.reports.cli;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.render.ReportText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leakgate gate REPORT...}: fails (exit 1) when the reports break the gate's policy. */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Checks LeakGate reports against a policy and fails the build when they leak.",
      "Several REPORTs (CI shards, many JVMs) are merged first: counts add up, the verdict is the "
          + "worst one with the highest per-kind rates. A folder stands for every *.json report in it "
          + "(the agent's report=FOLDER/ or report=DIR/r-%%p.json writes one per JVM).",
      "A report with a verdict fails when a kind's status is in --fail-on (default LEAK) or its rate "
          + "exceeds --max-per-request. A report without a verdict (the agent's exit report) has no "
          + "growth data: it passes unless --max-live is exceeded.",
      "Process-wide components (the report's processWide section: built in a static initialiser, or "
          + "by the JDK or the test engine for itself) are listed, never counted.",
      "With --jmh, JMH results (-rf json) are checked too: every run that reports the secondary score "
          + "liveGrowthPerOp (CreateAgentLoad does) fails when it added more than --max-per-request live "
          + "components per operation (default for JMH: 0.5), unless its variant is listed in --allow-growth."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the gate passed",
      "1:the gate failed",
      "2:a REPORT or the baseline is missing, unreadable or malformed, a folder holds no report (a --jmh file likewise), or the options are wrong"
    })
public final class GateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "REPORT", description = "leakgate.report/1 JSON files, or folders: every *.json file in one (at least one, or --jmh).")
  List<Path> reports;

  @Option(
      names = "--jmh",
      paramLabel = "RESULTS.json",
      description = "JMH results written with -rf json (repeatable): fail when a run's liveGrowthPerOp exceeds the limit.")
  List<Path> jmh;

  @Option(
      names = "--allow-growth",
      split = ",",
      paramLabel = "VARIANT",
      description = "With --jmh: variants (the @Param variant) that may grow, e.g. leaky for a demo (default: none).")
  List<String> allowGrowth;

  @Mixin GateOptions options;

  /** Creates the command; picocli fills in the options. */
  public GateCommand() {}

  /** Runs the gate and returns the exit code. */
  @Override
  public Integer call() {
    List<Path> reportFiles = reports == null ? List.of() : reports;
    List<Path> jmhFiles = jmh == null ? List.of() : jmh;
    if (reportFiles.isEmpty() && jmhFiles.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: REPORT (or --jmh RESULTS.json)");
    }
    int exit = Gate.EXIT_PASSED;
    if (!reportFiles.isEmpty()) {
      exit = gateReports();
    }
    if (!jmhFiles.isEmpty() && exit != Gate.EXIT_BAD_INPUT) {
      exit = Math.max(exit, gateJmh(jmhFiles));
    }
    return exit;
  }

  private int gateJmh(List<Path> files) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<JmhResults.Run> runs = new ArrayList<>();
    try {
      for (Path file : files) {
        runs.addAll(JmhResults.read(file));
      }
    } catch (ReportFormatException e) {
      err.println("error: " + ReportText.line(e.getMessage()));
      err.flush();
      return Gate.EXIT_BAD_INPUT;
    }
    double limit = options.maxPerRequest == null ? JmhGate.DEFAULT_MAX_PER_OPERATION : options.maxPerRequest;
    JmhGate gate = new JmhGate(limit, allowGrowth == null ? Set.of() : Set.copyOf(allowGrowth));
    List<JmhGate.Check> checks = gate.check(runs);
    if (checks.isEmpty()) {
      err.println("error: " + files + ": no run reports " + JmhGate.GROWTH_METRIC
          + " (run a LeakGate load benchmark such as CreateAgentLoad)");
      err.flush();
      return Gate.EXIT_BAD_INPUT;
    }
    checks.forEach(check -> out.println(ReportText.line(check.line())));
    long failed = checks.stream().filter(check -> !check.passed()).count();
    if (failed == 0) {
      out.printf(Locale.ROOT, "gate: PASSED (JMH: %d runs, none added more than %.2f live components per operation)%n",
          checks.size(), limit);
    } else {
      out.printf(Locale.ROOT, "gate: FAILED (JMH: %d of %d runs added more than %.2f live components per operation): %s%n",
          failed, checks.size(), limit, Gate.HINT);
    }
    out.flush();
    return failed == 0 ? Gate.EXIT_PASSED : Gate.EXIT_FAILED;
  }

  private int gateReports() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GateRun run;
    try {
      run = GateRun.read(reports, options.baseline);
    } catch (ReportFormatException e) {
      err.println("error: " + ReportText.line(e.getMessage()));
      err.flush();
      return Gate.EXIT_BAD_INPUT;
    }
    GateResult result = run.check(options.policy());
    out.print(run.table());
    out.println();
    run.verdictLines(result).forEach(out::println);
    out.flush();
    return result.exitCode();
  }

  @Override
  public String toString() {
    return "gate " + reports + (jmh == null ? "" : " --jmh " + jmh);
  }
}
