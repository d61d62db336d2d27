package dev.leakgate.harness.probe;

import dev.leakgate.reports.model.Report;

/** Reads a LeakGate registry, in this JVM or another, as a report (components and sites). */
public interface RegistryClient extends AutoCloseable {
  /** The registry's current report. */
  Report read();

  /** Releases the connection, if any. */
  @Override
  default void close() {}
}
