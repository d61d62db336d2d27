package dev.leakgate.benchmarks;

import dev.leakgate.agent.registry.Counts;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.Snapshot;
import java.util.EnumSet;
import java.util.Set;

/**
 * The registry's counts of the thread-owning components at one moment (all zero until the agent
 * runs in this JVM).
 *
 * @param created thread-owning components constructed so far
 * @param live those not shut down
 * @param liveThreads their worker threads still alive
 */
record ComponentCensus(long created, long live, long liveThreads) {
  /** The kinds that own a worker thread: what leaks threads when built per request. */
  static final Set<Kind> THREAD_OWNING =
      EnumSet.of(Kind.BatchSpanProcessor, Kind.BatchLogRecordProcessor, Kind.PeriodicMetricReader);

  /** Counts now. */
  static ComponentCensus take() {
    Snapshot snapshot = Registry.snapshot();
    long created = 0;
    long live = 0;
    long threads = 0;
    for (Kind kind : THREAD_OWNING) {
      Counts c = snapshot.counts(kind);
      created += c.created();
      live += c.live();
      threads += c.liveThreads();
    }
    return new ComponentCensus(created, live, threads);
  }

  /** Registry entries held (instances, sites, scopes). */
  static int registryEntries() {
    return Registry.entries();
  }
}
