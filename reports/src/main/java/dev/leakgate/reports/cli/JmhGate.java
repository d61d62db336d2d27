package dev.leakgate.reports.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JMH leak gate: a benchmark run fails when the live components it added per operation (the
 * secondary score {@value #GROWTH_METRIC}) exceed the limit, unless its variant is allowed to grow.
 *
 * @param maxPerOperation the most live components a run may add per operation
 * @param allowGrowth variants exempt from the rule (e.g. a known-leaky demo)
 */
public record JmhGate(double maxPerOperation, Set<String> allowGrowth) {
  /** The secondary score the rule reads: live (not shut down) components added per operation. */
  public static final String GROWTH_METRIC = "liveGrowthPerOp";

  /** Components created per operation, shown beside the growth. */
  public static final String CREATED_METRIC = "createdPerOp";

  /** Below one component per operation: rounding and a warm-up straggler pass, a per-request leak does not. */
  public static final double DEFAULT_MAX_PER_OPERATION = 0.5;

  /** The verdict on one run. */
  public record Check(JmhResults.Run run, double growth, boolean exempt, boolean passed) {
    /** One line for people. */
    public String line() {
      String created = run.secondary().containsKey(CREATED_METRIC)
          ? String.format(Locale.ROOT, " (created %.2f per op)", run.secondary().get(CREATED_METRIC)) : "";
      return String.format(Locale.ROOT, "%s %s: %.2f live components added per operation%s%s",
          passed ? "PASS" : "FAIL", run.label(), growth, created,
          exempt ? ", growth allowed for this variant" : "");
    }
  }

  /** Checks the runs that carry {@value #GROWTH_METRIC}; runs without it are not LeakGate load runs. */
  public List<Check> check(List<JmhResults.Run> runs) {
    List<Check> checks = new ArrayList<>();
    for (JmhResults.Run run : runs) {
      Double growth = run.secondary().get(GROWTH_METRIC);
      if (growth == null) {
        continue;
      }
      String variant = run.params().get("variant");
      boolean exempt = variant != null && allowGrowth.contains(variant);
      checks.add(new Check(run, growth, exempt, exempt || growth <= maxPerOperation));
    }
    return checks;
  }
}
