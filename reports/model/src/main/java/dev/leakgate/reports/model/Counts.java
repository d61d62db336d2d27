package dev.leakgate.reports.model;


/**
 * Counts of one component kind (or one site): {@code live = created - shutdown}; {@code draining}
 * counts instances shut down whose thread is still alive (absent means 0).
 */
public record Counts(
    long created,
    long shutdown,
    long live,
    long liveThreads,
    long draining) {

  /** Zero counts. */
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

  /** Validates that every count is a whole number >= 0. */
  public Counts {
    Copies.requireCount("created", created);
    Copies.requireCount("shutdown", shutdown);
    Copies.requireCount("live", live);
    Copies.requireCount("liveThreads", liveThreads);
    Copies.requireCount("draining", draining);
  }

  /** Returns the field-by-field sum of this and {@code other}. */
  public Counts plus(Counts other) {
    return new Counts(
        created + other.created,
        shutdown + other.shutdown,
        live + other.live,
        liveThreads + other.liveThreads,
        draining + other.draining);
  }
}
