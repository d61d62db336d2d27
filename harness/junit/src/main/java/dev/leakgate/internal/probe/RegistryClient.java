package dev.leakgate.internal.probe;

import dev.leakgate.reports.model.Report;
import java.time.Duration;

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

  /**
   * How long a component may take to show as ended after it was shut down: zero when the source
   * sees {@code shutdown()} itself; a thread-based source waits this long for stillness before the
   * last sample, so a batch worker that lingers up to its schedule delay is not counted live.
   */
  default Duration linger() {
    return Duration.ZERO;
  }

  /** Releases the connection, if any. */
  @Override
  default void close() {}
}
