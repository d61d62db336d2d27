package dev.leakgate.reports.gate;

import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Reports;
import dev.leakgate.reports.model.Status;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * When the gate fails a report.
 *
 * <ul>
 *   <li>With a verdict: when a kind's status (or the overall status) is in {@code failOn}, or a
 *       kind adds more than {@code maxPerRequest} live components per request.
 *   <li>Without a verdict (the agent's exit report) there is no growth data: {@code failOn} and
 *       {@code maxPerRequest} cannot apply, and only {@code maxLive} can fail the report.
 *   <li>Process-wide components (a report's {@code processWide} section: built in a static
 *       initialiser, or by the JDK or the test engine for itself) never count against any rule.
 *   <li>With a baseline, the status rule becomes: fail on culprit sites the baseline did not have
 *       (of kinds whose status is in {@code failOn}), on kinds newly in {@code failOn}, and on rates
 *       above the baseline's by more than the tolerance.
 * </ul>
 *
 * @param failOn statuses that fail the gate (default {@code LEAK})
 * @param maxPerRequest the highest live-per-request rate any kind may have, or null for no limit
 * @param maxLive the most live components allowed per kind, at any time (with or without verdict);
 *     each key one of {@link Kinds#KNOWN} (any case)
 * @param absoluteTolerance how much a rate may rise above the baseline's, in components per request
 * @param relativeTolerance how much a rate may rise above the baseline's, as a fraction of it
 */
public record GatePolicy(
    Set<Status> failOn,
    Double maxPerRequest,
    Map<String, Long> maxLive,
    double absoluteTolerance,
    double relativeTolerance) {

  /** Validates and copies the settings. */
  public GatePolicy {
    failOn =
        failOn == null || failOn.isEmpty()
            ? Collections.unmodifiableSet(EnumSet.noneOf(Status.class))
            : Collections.unmodifiableSet(EnumSet.copyOf(failOn));
    if (maxPerRequest != null && (maxPerRequest.isNaN() || maxPerRequest < 0)) {
      throw new IllegalArgumentException("max per request must be >= 0 but was " + maxPerRequest);
    }
    Map<String, Long> limits = new LinkedHashMap<>();
    if (maxLive != null) {
      maxLive.forEach(
          (kind, max) -> {
            if (max < 0) {
              throw new IllegalArgumentException("max live for " + kind + " must be >= 0 but was " + max);
            }
            limits.put(Kinds.parse(kind), max);
          });
    }
    maxLive = Collections.unmodifiableMap(limits);
  }

  /** Returns the default policy: fail on LEAK, no rate or live limits, default baseline tolerance. */
  public static GatePolicy defaults() {
    return new GatePolicy(
        EnumSet.of(Status.LEAK),
        null,
        Map.of(),
        Reports.BASELINE_ABSOLUTE_TOLERANCE,
        Reports.BASELINE_RELATIVE_TOLERANCE);
  }

  /** Returns this policy failing on {@code statuses} instead. */
  public GatePolicy withFailOn(Set<Status> statuses) {
    return new GatePolicy(statuses, maxPerRequest, maxLive, absoluteTolerance, relativeTolerance);
  }

  /** Returns this policy with a per-kind live-per-request limit (null for none). */
  public GatePolicy withMaxPerRequest(Double max) {
    return new GatePolicy(failOn, max, maxLive, absoluteTolerance, relativeTolerance);
  }

  /** Returns this policy with live-component limits per kind. */
  public GatePolicy withMaxLive(Map<String, Long> limits) {
    return new GatePolicy(failOn, maxPerRequest, limits, absoluteTolerance, relativeTolerance);
  }

  /** Returns the per-request limit, if any. */
  public OptionalDouble findMaxPerRequest() {
    return maxPerRequest == null ? OptionalDouble.empty() : OptionalDouble.of(maxPerRequest);
  }
}
