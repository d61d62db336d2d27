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

  /**
   * Whether this client knows the work in flight behind its counts ({@link #awaitInFlight}): then a
   * sample is read as soon as that work has ended, with a quiet period only when
   * {@link #quietPeriodDue}. Otherwise (the default: another JVM, a recording) a sample waits until
   * the counts have been still for the settle window.
   */
  default boolean settlesExactly() {
    return false;
  }

  /**
   * Waits until the work in flight behind the counts has ended (tasks handed off, components shutting
   * down), at most {@code timeout}; does nothing unless {@link #settlesExactly}.
   *
   * @throws ProbeException when work is still in flight after {@code timeout}, naming it
   */
  default void awaitInFlight(Duration timeout) {}

  /**
   * Whether work this client cannot follow happened since the last call (a component built on a thread
   * nothing carried the scope to), so a sample waits for a quiet period after all.
   */
  default boolean quietPeriodDue() {
    return true;
  }

  /** Releases the connection, if any. */
  @Override
  default void close() {}
}
