package dev.leakgate.reports.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict of a probe, test or demo: the worst status of {@code byKind}, measured requests after
 * {@code warmup}, live components added per request (all kinds), the culprit sites, worst first,
 * and, when the source sees threads end late ({@code jfr}), how long the last sample waited for them.
 */
public record Verdict(
    Status status,
    long requests,
    long warmup,
    double perRequest,
    Map<String, KindVerdict> byKind,
    List<String> sites,
    Long lingerMillis) {

  /** Copies the collections; absent ones read as empty. */
  public Verdict {
    byKind = Copies.map(byKind);
    sites = Copies.list(sites);
  }

  /** A verdict whose last sample did not wait for lingering threads. */
  public Verdict(Status status, long requests, long warmup, double perRequest, Map<String, KindVerdict> byKind, List<String> sites) {
    this(status, requests, warmup, perRequest, byKind, sites, null);
  }

  /** This verdict, saying that the last sample waited {@code millis} ms for lingering threads to end. */
  public Verdict withLingerMillis(long millis) {
    return new Verdict(status, requests, warmup, perRequest, byKind, sites, millis);
  }

  /**
   * The headline rate in words, naming what it counts: "4.00 live per request", or for CHURN (whose
   * rate counts creations, live staying flat) "1.00 created per request, shut down again".
   */
  public String rateText() {
    if (status == Status.CHURN) {
      double created = byKind.values().stream().filter(kind -> kind.status() == Status.CHURN)
          .mapToDouble(KindVerdict::createdPerRequest).max().orElse(perRequest);
      return String.format(Locale.ROOT, "%.2f created per request, shut down again", created);
    }
    return String.format(Locale.ROOT, "%.2f live per request", perRequest);
  }

  /** Returns the status of {@code kind}, or null when the verdict does not list it. */
  public Status statusOf(String kind) {
    KindVerdict kindVerdict = byKind.get(kind);
    return kindVerdict == null ? null : kindVerdict.status();
  }
}
