package dev.leakgate.junit;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The failure message of a test that leaked: {@code LeakGate: the test left 4 BatchSpanProcessor
 * live (4.0 per request) created at com.acme.Agent.<init>(Agent.java:24); build telemetry once at
 * start-up; shut down what you build}.
 */
final class LeakMessage {
  /** Sites named per kind: the worst few point at the bug, a long list hides it. */
  static final int MAX_SITES = 4;

  private LeakMessage() {}

  /**
   * The message for what the test (or, with {@code subject} "class", the test class) {@code left}
   * (settled, scoped), or empty when it is within its settings.
   */
  static Optional<String> of(Report left, LeakCheckSettings settings, GrowthResult measured, String subject) {
    List<String> leftLive = new ArrayList<>();
    left.components().entrySet().stream()
        .filter(e -> e.getValue().live() > settings.maxLive())
        .sorted(Comparator.comparingLong((Map.Entry<String, Counts> e) -> e.getValue().live()).reversed())
        .forEach(e -> leftLive.add(e.getValue().live() + " " + e.getKey() + " live" + details(e.getKey(), settings, measured)
            + " created at " + sites(left.sites(), e.getKey())));
    List<String> parts = new ArrayList<>();
    if (!leftLive.isEmpty()) {
      parts.add("the " + subject + " left " + String.join(" and ", leftLive));
    } else if (measured != null && settings.failOn().contains(measured.status())) {
      parts.add(measurement(measured));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("LeakGate: " + String.join("; ", parts) + "; " + Gate.HINT);
  }

  private static String details(String kind, LeakCheckSettings settings, GrowthResult measured) {
    List<String> details = new ArrayList<>();
    if (settings.maxLive() > 0) {
      details.add("at most " + settings.maxLive() + " allowed");
    }
    if (measured != null && measured.verdict().byKind().containsKey(kind)) {
      details.add(rate(measured.perRequest(kind)) + " per request");
    }
    return details.isEmpty() ? "" : " (" + String.join(", ", details) + ")";
  }

  private static String measurement(GrowthResult measured) {
    Status status = measured.status();
    List<String> kinds = new ArrayList<>();
    for (Map.Entry<String, KindVerdict> e : measured.verdict().byKind().entrySet()) {
      KindVerdict kind = e.getValue();
      if (kind.status() == status) {
        // churn adds nothing live: what it costs is what it creates
        double perRequest = status == Status.CHURN ? kind.createdPerRequest() : kind.perRequest();
        kinds.add(rate(perRequest) + " " + e.getKey() + (status == Status.CHURN ? " created" : " live")
            + " per request created at " + sites(measured.report().sites(), e.getKey()));
      }
    }
    return "the per-request measurement found " + status + (kinds.isEmpty() ? "" : ": " + String.join(" and ", kinds));
  }

  private static String sites(List<Site> sites, String kind) {
    List<String> named = sites.stream()
        .filter(site -> site.kind().equals(kind))
        .sorted(Comparator.comparingLong(Site::live).reversed())
        .map(Site::site)
        .toList();
    if (named.isEmpty()) {
      return "sites no longer known (the components were collected; the agent's report names them)";
    }
    String shown = String.join(", ", named.subList(0, Math.min(MAX_SITES, named.size())));
    return named.size() > MAX_SITES ? shown + " and " + (named.size() - MAX_SITES) + " more sites" : shown;
  }

  /** A rate as people write it: 4.0, 0.25, 1.33. */
  static String rate(double perRequest) {
    return Double.toString(Math.round(perRequest * 100) / 100.0);
  }
}
