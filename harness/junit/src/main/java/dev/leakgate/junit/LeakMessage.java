package dev.leakgate.junit;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The failure message of a test that leaked: {@code LeakGate: the test left 4 BatchSpanProcessor
 * live (4.0 per request) created at com.acme.Agent.<init>(Agent.java:24); build telemetry once at
 * start-up; shut down what you build}: the kinds the test may not leave live, each with its count and
 * creating lines, then each kind's advice ({@code shut the pool down (shutdown/close) or build it once}).
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
    Set<String> advice = new LinkedHashSet<>();
    left.components().entrySet().stream()
        .filter(e -> settings.kinds().contains(e.getKey()) && e.getValue().live() > settings.maxLive())
        .sorted(Comparator.comparingLong((Map.Entry<String, Counts> e) -> e.getValue().live()).reversed())
        .forEach(e -> {
          leftLive.add(e.getValue().live() + " " + e.getKey() + " live" + details(e.getKey(), settings, measured)
              + " created at " + sites(left.sites(), e.getKey()));
          advice.add(Kinds.advice(e.getKey()));
        });
    String found = null;
    if (!leftLive.isEmpty()) {
      found = "the " + subject + " left " + String.join(" and ", leftLive);
    } else if (measured != null) {
      found = measurement(measured, settings, advice);
    }
    if (found == null) {
      return Optional.empty();
    }
    return Optional.of("LeakGate: " + found + "; " + String.join("; ", advice));
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

  /** What the measurement found over the kinds the test checks, when its worst status fails the test; else null. */
  private static String measurement(GrowthResult measured, LeakCheckSettings settings, Set<String> advice) {
    Status status = null;
    for (Map.Entry<String, KindVerdict> e : measured.verdict().byKind().entrySet()) {
      if (settings.kinds().contains(e.getKey()) && (status == null || e.getValue().status().isWorseThan(status))) {
        status = e.getValue().status();
      }
    }
    if (measured.verdict().byKind().isEmpty()) {
      status = measured.status();
    }
    if (status == null || !settings.failOn().contains(status)) {
      return null;
    }
    List<String> kinds = new ArrayList<>();
    for (Map.Entry<String, KindVerdict> e : measured.verdict().byKind().entrySet()) {
      KindVerdict kind = e.getValue();
      if (kind.status() == status && settings.kinds().contains(e.getKey())) {
        advice.add(Kinds.advice(e.getKey()));
        // churn adds nothing live: what it costs is what it creates
        double perRequest = status == Status.CHURN ? kind.createdPerRequest() : kind.perRequest();
        kinds.add(rate(perRequest) + " " + e.getKey() + (status == Status.CHURN ? " created" : " live")
            + " per request created at " + sites(measured.report().sites(), e.getKey()));
      }
    }
    if (advice.isEmpty()) {
      advice.add(Gate.HINT);
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
