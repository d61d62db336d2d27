package dev.leakgate.reports.cli;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.gate.GateFailure;
import dev.leakgate.reports.gate.GatePolicy;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.json.JsonReports;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.model.Reports;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.render.ConsoleRenderer;
import dev.leakgate.reports.render.HtmlRenderer;
import dev.leakgate.reports.render.JUnitXmlRenderer;
import dev.leakgate.reports.render.ReportText;
import dev.leakgate.reports.render.SarifRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reports of one build, read once, gated and rendered: what {@code leakgate gate}, {@code
 * leakgate render} and the Maven plugin's {@code gate} goal share, so they print and fail alike.
 */
public final class GateRun {

  private final List<Report> inputs;
  private final Report merged;
  private final Report baseline;

  private GateRun(List<Report> inputs, Report baseline) {
    this.inputs = List.copyOf(inputs);
    this.merged = Reports.merge(this.inputs);
    this.baseline = baseline;
  }

  /**
   * Reads the reports (files, or folders as by {@link Reports#files}) and the baseline (null for
   * none); every problem becomes one {@link ReportFormatException} naming the file.
   */
  public static GateRun read(List<Path> reports, Path baseline) throws ReportFormatException {
    List<Report> inputs = new ArrayList<>();
    for (Path file : JsonReports.files(reports)) {
      inputs.add(JsonReports.read(file));
    }
    if (inputs.isEmpty()) {
      throw new ReportFormatException(String.valueOf(reports), "no report given", null);
    }
    return new GateRun(inputs, baseline == null ? null : JsonReports.read(baseline));
  }

  /** Returns the reports as read, one per file. */
  public List<Report> inputs() {
    return inputs;
  }

  /** Returns the reports merged into one. */
  public Report merged() {
    return merged;
  }

  /** Returns true when a baseline was read. */
  public boolean hasBaseline() {
    return baseline != null;
  }

  /** Gates the merged report (against the baseline, if any). */
  public GateResult check(GatePolicy policy) {
    return new Gate(policy).check(merged, baseline);
  }

  /** Returns the console table of the merged report. */
  public String table() {
    return new ConsoleRenderer().render(merged);
  }

  /**
   * Returns the gate's lines after the table: notes, one {@code FAIL} line per failure with its
   * culprit sites, and {@code gate: PASSED} or {@code gate: FAILED (...)}. Report text is escaped.
   */
  public List<String> verdictLines(GateResult result) {
    return verdictLines(result, baseline != null);
  }

  /**
   * The gate's lines for {@code result}, however the report was made (read from files, or measured
   * by the probe), the same in every command; {@code comparedWithBaseline} says so on a pass.
   */
  public static List<String> verdictLines(GateResult result, boolean comparedWithBaseline) {
    List<String> lines = new ArrayList<>();
    result.notes().forEach(note -> lines.add("note: " + ReportText.line(note)));
    for (GateFailure failure : result.failures()) {
      lines.add("FAIL " + failure.type() + ": " + ReportText.line(failure.message()));
      for (Site site : failure.culprits()) {
        lines.add("    at " + ReportText.line(site.site()));
      }
    }
    if (result.passed()) {
      lines.add("gate: PASSED" + (comparedWithBaseline ? " (compared with the baseline)" : ""));
    } else {
      lines.add("gate: FAILED (" + result.failures().size() + " failure"
          + (result.failures().size() == 1 ? "" : "s") + "): " + Gate.hint(result.failures()));
    }
    return lines;
  }

  /** Writes the self-contained HTML report of the merged report. */
  public void writeHtml(Path file) throws IOException {
    new HtmlRenderer().write(merged, file);
  }

  /** Writes SARIF of the merged report; {@code sourceRoot} (may be null) locates the culprits' files. */
  public void writeSarif(Path file, Path sourceRoot) throws IOException {
    new SarifRenderer(sourceRoot).write(merged, file);
  }

  /** Writes JUnit XML: each report file gated on its own by {@code policy}, one group of cases each. */
  public void writeJUnit(Path file, GatePolicy policy) throws IOException {
    Objects.requireNonNull(policy, "policy");
    Gate gate = new Gate(policy);
    List<GateResult> results = new ArrayList<>();
    for (Report report : inputs) {
      results.add(gate.check(report, baseline));
    }
    new JUnitXmlRenderer().write(results, file);
  }

  @Override
  public String toString() {
    return "GateRun{" + inputs.size() + " reports" + (baseline == null ? "" : ", with baseline") + "}";
  }
}
