package dev.leakgate.harness.probe;

import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Report;
import java.util.Map;
import java.util.TreeMap;

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
