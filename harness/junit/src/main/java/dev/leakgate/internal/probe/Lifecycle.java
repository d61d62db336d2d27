package dev.leakgate.internal.probe;

import dev.leakgate.agent.registry.Kind;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Report;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/** The one format of a lifecycle fingerprint, whether it comes from counters or from a report. */
public final class Lifecycle {
  private Lifecycle() {}

  /** The fingerprint of per-kind created and shut-down counts; kinds never created are left out. */
  public static String of(Map<String, Long> created, Map<String, Long> shutdown) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : new TreeMap<>(created).entrySet()) {
      if (e.getValue() != null && e.getValue() > 0) {
        b.append(e.getKey()).append(':').append(e.getValue()).append('/')
            .append(shutdown.getOrDefault(e.getKey(), 0L)).append(' ');
      }
    }
    return b.toString();
  }

  /**
   * The fingerprint of agent counters per kind (the registry's, or a scope's): {@code shutdown} is read before
   * {@code created}, so a component finished between the two reads never shows more shut down
   * than created.
   */
  public static String ofCounters(ToLongFunction<Kind> created, ToLongFunction<Kind> shutdown) {
    Map<String, Long> createdByKind = new HashMap<>();
    Map<String, Long> shutdownByKind = new HashMap<>();
    for (Kind kind : Kind.values()) {
      shutdownByKind.put(kind.name(), shutdown.applyAsLong(kind));
      createdByKind.put(kind.name(), created.applyAsLong(kind));
    }
    return of(createdByKind, shutdownByKind);
  }

  /** The fingerprint of a report's components. */
  public static String of(Report report) {
    Map<String, Long> created = new TreeMap<>();
    Map<String, Long> shutdown = new TreeMap<>();
    for (Map.Entry<String, Counts> e : report.components().entrySet()) {
      created.put(e.getKey(), e.getValue().created());
      shutdown.put(e.getKey(), e.getValue().shutdown());
    }
    return of(created, shutdown);
  }
}
