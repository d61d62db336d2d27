package dev.leakgate.reports.gate;

import dev.leakgate.reports.model.BaselineComparison;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Reports;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Applies a {@link GatePolicy} to a report, optionally against a baseline report. */
public final class Gate {

  /** Exit code: the gate passed. */
  public static final int EXIT_PASSED = 0;

  /** Exit code: the gate failed. */
  public static final int EXIT_FAILED = 1;

  /** Exit code: unreadable or malformed input (or an output that cannot be written). */
  public static final int EXIT_BAD_INPUT = 2;

  /** The advice that goes with a failure of OpenTelemetry's kinds. */
  public static final String HINT = Kinds.TELEMETRY_ADVICE;

  private final GatePolicy policy;

  /** Creates a gate applying {@code policy}. */
  public Gate(GatePolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Returns the policy. */
  public GatePolicy policy() {
    return policy;
  }

  /** Gates {@code report} on its own. */
  public GateResult check(Report report) {
    return check(report, null);
  }

  /** Gates {@code report} against {@code baseline} (null for none). */
  public GateResult check(Report report, Report baseline) {
    List<GateFailure> failures = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Verdict verdict = report.verdict();
    if (verdict == null) {
      notes.add(
          "no verdict: growth was not measured, so --fail-on and --max-per-request do not apply"
              + (policy.maxLive().isEmpty() ? "; use --max-live to bound live components" : ""));
    } else if (baseline == null) {
      checkStatuses(report, verdict, failures);
    } else {
      checkAgainstBaseline(report, verdict, baseline, failures);
    }
    if (verdict != null) {
      checkRates(report, verdict, failures);
    }
    checkLive(report, failures);
    return new GateResult(report, failures, notes);
  }

  private void checkStatuses(Report report, Verdict verdict, List<GateFailure> failures) {
    boolean kindFailed = false;
    for (Map.Entry<String, KindVerdict> entry : verdict.byKind().entrySet()) {
      KindVerdict kind = entry.getValue();
      if (policy.failOn().contains(kind.status())) {
        kindFailed = true;
        failures.add(
            new GateFailure(
                entry.getKey(),
                kind.status().name(),
                entry.getKey() + " is " + kind.status() + ": " + rates(kind) + " over "
                    + verdict.requests() + " requests",
                report.culpritsOf(entry.getKey())));
      }
    }
    if (!kindFailed && policy.failOn().contains(verdict.status())) {
      failures.add(
          new GateFailure(
              null,
              verdict.status().name(),
              "verdict is " + verdict.status() + ": " + format(verdict.perRequest())
                  + " live per request over " + verdict.requests() + " requests",
              report.culprits()));
    }
  }

  private void checkAgainstBaseline(
      Report report, Verdict verdict, Report baseline, List<GateFailure> failures) {
    BaselineComparison comparison =
        Reports.compare(report, baseline, policy.absoluteTolerance(), policy.relativeTolerance());
    for (Site site : comparison.newCulprits()) {
      Status status = verdict.statusOf(site.kind());
      if (policy.failOn().contains(status == null ? verdict.status() : status)) {
        failures.add(
            new GateFailure(
                site.kind(),
                "NEW_SITE",
                "new culprit site, not in the baseline: " + site.key(),
                List.of(site)));
      }
    }
    Verdict before = baseline.verdict();
    verdict.byKind().forEach(
        (kind, now) -> {
          Status then = before == null ? null : before.statusOf(kind);
          if (policy.failOn().contains(now.status()) && !policy.failOn().contains(then)) {
            failures.add(
                new GateFailure(
                    kind,
                    now.status().name(),
                    kind + " is " + now.status() + ", baseline was " + (then == null ? "absent" : then),
                    report.culpritsOf(kind)));
          }
        });
    for (BaselineComparison.RateIncrease increase : comparison.higherRates()) {
      failures.add(
          new GateFailure(
              increase.kind(),
              "HIGHER_RATE",
              "rate above the baseline: " + increase,
              report.culpritsOf(increase.kind())));
    }
  }

  private void checkRates(Report report, Verdict verdict, List<GateFailure> failures) {
    if (policy.maxPerRequest() == null) {
      return;
    }
    double max = policy.maxPerRequest();
    verdict.byKind().forEach(
        (kind, kindVerdict) -> {
          if (kindVerdict.perRequest() > max) {
            failures.add(
                new GateFailure(
                    kind,
                    "MAX_PER_REQUEST",
                    kind + ": " + format(kindVerdict.perRequest())
                        + " live per request, more than --max-per-request " + format(max),
                    report.culpritsOf(kind)));
          }
        });
    // a verdict without per-kind detail still has its total rate
    if (verdict.byKind().isEmpty() && verdict.perRequest() > max) {
      failures.add(
          new GateFailure(
              null,
              "MAX_PER_REQUEST",
              format(verdict.perRequest()) + " live per request, more than --max-per-request "
                  + format(max),
              report.culprits()));
    }
  }

  private void checkLive(Report report, List<GateFailure> failures) {
    policy.maxLive().forEach(
        (kind, max) -> {
          Counts counts = report.components().getOrDefault(kind, Counts.ZERO);
          if (counts.live() > max) {
            List<Site> sites =
                report.sites().stream()
                    .filter(site -> site.kind().equals(kind) && site.live() > 0)
                    .toList();
            failures.add(
                new GateFailure(
                    kind,
                    "MAX_LIVE",
                    kind + ": " + counts.live() + " live, more than --max-live " + max,
                    sites));
          }
        });
  }

  /**
   * The advice for {@code failures}: each failing kind's (see {@link Kinds#advice}), once each, in
   * the order the kinds failed; the telemetry advice when no failure names a kind.
   */
  public static String hint(List<GateFailure> failures) {
    java.util.Set<String> advice = new java.util.LinkedHashSet<>();
    for (GateFailure failure : failures) {
      advice.add(Kinds.advice(failure.kind()));
    }
    return advice.isEmpty() ? HINT : String.join("; ", advice);
  }

  private static String rates(KindVerdict kind) {
    return format(kind.perRequest()) + " live per request (" + format(kind.createdPerRequest())
        + " created per request)";
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  @Override
  public String toString() {
    return "Gate" + policy;
  }
}
