package dev.leakgate.reports.model;

import java.util.Map;

/** Counts taken after a measured request (or batch) once they settled; maps are keyed by kind. */
public record Sample(
    long requests,
    Map<String, Long> live,
    Map<String, Long> created,
    long liveThreads) {

  /** Copies the maps; absent maps read as empty. */
  public Sample {
    Copies.requireCount("requests", requests);
    live = Copies.map(live);
    created = Copies.map(created);
  }

  /** Returns the live count of {@code kind} in this sample, 0 when absent. */
  public long liveOf(String kind) {
    return live.getOrDefault(kind, 0L);
  }
}
