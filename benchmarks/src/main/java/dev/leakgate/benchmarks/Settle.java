package dev.leakgate.benchmarks;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits with a growing poll interval; never one fixed sleep. */
final class Settle {
  // short first polls: most waits end within a few milliseconds
  private static final long FIRST_POLL_NANOS = Duration.ofMillis(1).toNanos();
  private static final long MAX_POLL_NANOS = Duration.ofMillis(50).toNanos();

  private Settle() {}

  /** Waits until the condition holds or the timeout passes; returns whether it held. */
  static boolean until(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long poll = FIRST_POLL_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(poll);
      poll = Math.min(poll * 2, MAX_POLL_NANOS);
    }
    return true;
  }
}
