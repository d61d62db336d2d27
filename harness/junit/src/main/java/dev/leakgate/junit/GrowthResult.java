package dev.leakgate.junit;

import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.model.Verdict;
import java.util.List;
import java.util.Objects;

/** What a {@link LeakMeter} measured: the report with its samples and verdict (LEAK, BOUNDED, CHURN, CLEAN). */
public final class GrowthResult {
  private final Report report;

  GrowthResult(Report report) {
    this.report = Objects.requireNonNull(report, "report");
    Objects.requireNonNull(report.verdict(), "a measured report has a verdict");
  }

  /** {@return the measurement as a {@code leakgate.report/1} report: this test's counts, sites, samples and verdict} */
  public Report report() {
    return report;
  }

  /** {@return the verdict over the measured requests} */
  public Verdict verdict() {
    return report.verdict();
  }

  /** {@return the worst status over all kinds} */
  public Status status() {
    return report.verdict().status();
  }

  /** {@return live components added per request by the worst kind (created per request when the status is CHURN)} */
  public double perRequest() {
    return report.verdict().perRequest();
  }

  /**
   * {@return live components of {@code kind} added per request}; 0 when not seen.
   *
   * @param kind a component kind as the report names it, e.g. {@code BatchSpanProcessor}
   */
  public double perRequest(String kind) {
    KindVerdict verdict = report.verdict().byKind().get(kind);
    return verdict == null ? 0 : verdict.perRequest();
  }

  /** {@return the culprit creation sites, {@code class.method(File.java:line)}, worst first} */
  public List<String> culprits() {
    return report.verdict().sites();
  }

  @Override
  public String toString() {
    Verdict v = report.verdict();
    return "GrowthResult{" + v.status() + ", " + LeakMessage.rate(v.perRequest()) + " per request over " + v.requests()
        + " requests, byKind=" + v.byKind() + ", culprits=" + v.sites() + "}";
  }
}
