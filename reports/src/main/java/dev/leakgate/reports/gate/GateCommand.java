package dev.leakgate.reports.gate;

import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.ReportFormatException;
import dev.leakgate.reports.model.Reports;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.render.ConsoleRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
          + "worst one with the highest per-kind rates.",
      "A report with a verdict fails when a kind's status is in --fail-on (default LEAK) or its rate "
          + "exceeds --max-per-request. A report without a verdict (the agent's exit report) has no "
          + "growth data: it passes unless --max-live is exceeded."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the gate passed",
      "1:the gate failed",
      "2:a REPORT or the baseline is missing, unreadable or malformed, or the options are wrong"
    })
public final class GateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "REPORT", description = "leakgate.report/1 JSON files.")
  List<Path> reports;

  @Mixin GateOptions options;

  /** Creates the command; picocli fills in the options. */
  public GateCommand() {}

  /** Runs the gate and returns the exit code. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Report report;
    Report baseline;
    try {
      report = Reports.readAll(reports);
      baseline = options.readBaseline();
    } catch (ReportFormatException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return Gate.EXIT_BAD_INPUT;
    }
    GateResult result = new Gate(options.policy()).check(report, baseline);
    out.print(new ConsoleRenderer().render(report));
    out.println();
    result.notes().forEach(note -> out.println("note: " + note));
    for (GateFailure failure : result.failures()) {
      out.println("FAIL " + failure.type() + ": " + failure.message());
      for (Site site : failure.culprits()) {
        out.println("    at " + site.site());
      }
    }
    if (result.passed()) {
      out.println("gate: PASSED" + (baseline == null ? "" : " (compared with the baseline)"));
    } else {
      out.println("gate: FAILED (" + result.failures().size() + " failure"
          + (result.failures().size() == 1 ? "" : "s") + "): " + Gate.HINT);
    }
    out.flush();
    return result.exitCode();
  }

  @Override
  public String toString() {
    return "gate " + reports;
  }
}
