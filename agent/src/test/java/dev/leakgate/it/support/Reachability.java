package dev.leakgate.it.support;

import java.lang.ref.WeakReference;
import java.time.Duration;

/** Whether an object can be collected: forced collections until its weak reference clears, bounded. */
public final class Reachability {
  private static final long POLL_MILLIS = 25;

  private Reachability() {}

  /** Collects until {@code ref} clears or {@code within} passes; true when it cleared. */
  public static boolean clears(WeakReference<?> ref, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      System.gc();
      if (ref.get() == null) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL_MILLIS); // reference processing and finished tasks' last steps run meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ref.get() == null;
      }
    }
  }
}
