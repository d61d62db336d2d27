package dev.leakgate.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The verdict of a probe, test or demo: the worst status of {@code byKind}, measured requests after
 * {@code warmup}, live components added per request (all kinds) and the culprit sites, worst first.
 */
public record Verdict(
    @JsonProperty(required = true) Status status,
    long requests,
    long warmup,
    double perRequest,
    Map<String, KindVerdict> byKind,
    List<String> sites) {

  /** Copies the collections; absent ones read as empty. */
  public Verdict {
    byKind = Copies.map(byKind);
    sites = Copies.list(sites);
  }

  /** Returns the status of {@code kind}, or null when the verdict does not list it. */
  public Status statusOf(String kind) {
    KindVerdict kindVerdict = byKind.get(kind);
    return kindVerdict == null ? null : kindVerdict.status();
  }
}
