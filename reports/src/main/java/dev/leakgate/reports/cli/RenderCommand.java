package dev.leakgate.reports.cli;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.render.ReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leakgate render REPORT...}: prints the console table and writes HTML, SARIF and JUnit XML. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Renders LeakGate reports: prints the console table and writes the files asked for.",
      "Several REPORTs are merged (as by 'gate') for the table, HTML and SARIF; JUnit XML starts with the "
          + "test case leakgate.gate (the gate options applied to the merged reports), then one group of test "
          + "cases per report file (classname leakgate.<label>), failing by the gate options.",
      "A folder stands for every *.json report in it (the agent's report=FOLDER/ writes one per JVM).",
      "Rendering never fails the build: use 'gate' for that."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:rendered",
      "2:a REPORT is missing, unreadable or malformed, a folder holds no report, an output cannot be written, or the options are wrong"
    })
public final class RenderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "REPORT", description = "leakgate.report/1 JSON files, or folders: every *.json file in one.")
  List<Path> reports;

  @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report (no scripts, no network).")
  Path html;

  @Option(names = "--sarif", paramLabel = "FILE", description = "Write SARIF 2.1.0: one result per culprit site, at its line.")
  Path sarif;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML: one test case per kind and report.")
  Path junit;

  @Option(
      names = "--source-root",
      paramLabel = "DIR",
      description = "For SARIF: find each culprit's source file under DIR (src/main/java first) and "
          + "make its path relative to DIR; without it the path is guessed from the class name.")
  Path sourceRoot;

  @Mixin GateOptions options;

  /** Creates the command; picocli fills in the options. */
  public RenderCommand() {}

  /** Renders and returns the exit code. */
  @Override
  public Integer call() {
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
    out.print(run.table());
    Path target = null;
    try {
      if (html != null) {
        target = html;
        run.writeHtml(html, null);
        out.println("wrote HTML report to " + html);
      }
      if (sarif != null) {
        target = sarif;
        run.writeSarif(sarif, sourceRoot, null);
        out.println("wrote SARIF to " + sarif);
      }
      if (junit != null) {
        target = junit;
        run.writeJUnit(junit, new Gate(options.policy()));
        out.println("wrote JUnit XML to " + junit);
      }
    } catch (IOException | UncheckedIOException e) {
      err.println("error: " + target + ": cannot write (" + ReportText.line(e.getMessage()) + ")");
      err.flush();
      return Gate.EXIT_BAD_INPUT;
    }
    out.flush();
    return Gate.EXIT_PASSED;
  }

  @Override
  public String toString() {
    return "render " + reports;
  }
}
