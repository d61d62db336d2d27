package dev.leakgate.agent.jmx;

import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.Snapshot;

/** One kind's counts over JMX; live, created and shut down are counter reads, live threads a shared, short-lived snapshot. */
final class ComponentsJmx implements ComponentsMXBean {
  /** Object name pattern of the per-kind MBeans. */
  static final String TYPE = "dev.leakgate:type=Components";
  /** How long one snapshot answers LiveThreads: a scrape reads every kind within it, so it walks the registry once. */
  private static final long SNAPSHOT_MILLIS = 100;

  private static Snapshot recent;
  private static long recentAtNanos;

  private final Kind kind;

  ComponentsJmx(Kind kind) {
    this.kind = kind;
  }

  /** The object name of {@code kind}'s MBean. */
  static String nameOf(Kind kind) {
    return TYPE + ",kind=" + kind.name();
  }

  @Override
  public long getLive() {
    return Registry.live(kind);
  }

  @Override
  public long getCreated() {
    return Registry.created(kind);
  }

  @Override
  public long getShutdown() {
    return Registry.shutdown(kind);
  }

  @Override
  public long getLiveThreads() {
    return recentSnapshot().counts(kind).liveThreads();
  }

  private static synchronized Snapshot recentSnapshot() {
    long now = System.nanoTime();
    if (recent == null || now - recentAtNanos > SNAPSHOT_MILLIS * 1_000_000L) {
      recent = Registry.snapshot();
      recentAtNanos = now;
    }
    return recent;
  }

  @Override
  public String toString() {
    return nameOf(kind);
  }
}
