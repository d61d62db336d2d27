package dev.leakgate.harness.probe;

import dev.leakgate.reports.model.Report;

/** Reads a LeakGate registry, in this JVM or another, as a report (components and sites). */
public interface RegistryClient extends AutoCloseable {
  /** The registry's current report. */
  Report read();

  /**
   * A fingerprint of the lifecycle counts (created and shut down, per kind) that changes whenever a
   * component is built or shut down. Settling polls it, so clients make it cheaper than {@link #read}.
   */
  default String lifecycle() {
    return Lifecycle.of(read());
  }

  /** Releases the connection, if any. */
  @Override
  default void close() {}
}
