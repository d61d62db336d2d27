package dev.leakgate.reports.model;

import java.util.List;

/**
 * How a report differs from its baseline: culprit sites the baseline did not have, and kinds whose
 * live-per-request rate rose by more than the tolerance.
 */
public record BaselineComparison(List<Site> newCulprits, List<RateIncrease> higherRates) {

  /** Copies the lists. */
  public BaselineComparison {
    newCulprits = List.copyOf(newCulprits);
    higherRates = List.copyOf(higherRates);
  }

  /** Returns true when nothing got worse than the baseline. */
  public boolean unchanged() {
    return newCulprits.isEmpty() && higherRates.isEmpty();
  }

  /** A kind whose live-per-request rate rose beyond the allowed rate. */
  public record RateIncrease(String kind, double baseline, double current, double allowed) {
    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "%s: %.2f live per request, baseline %.2f (allowed up to %.2f)",
          kind,
          current,
          baseline,
          allowed);
    }
  }
}
