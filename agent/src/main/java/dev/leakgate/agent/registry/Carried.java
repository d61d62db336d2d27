package dev.leakgate.agent.registry;

/**
 * What a handed-off task carries: the scope chain current where it was handed off (made current where
 * it runs), and the scopes for which it is work in flight until it ends: that chain (less the scopes
 * the handing thread had left) and the tests that adopted them. A periodic task is in flight for none:
 * it never ends, and a test does not wait for it.
 */
final class Carried {
  private static final ScopeContext[] NONE = new ScopeContext[0];

  final ScopeContext scope;
  private final ScopeContext[] inFlightFor;
  /** When the task is due to run ({@link System#nanoTime}): now for a plain hand-off, later when scheduled. */
  final long dueNanos;

  private Carried(ScopeContext scope, ScopeContext[] inFlightFor, long dueNanos) {
    this.scope = scope;
    this.inFlightFor = inFlightFor;
    this.dueNanos = dueNanos;
  }

  /** What a task handed off now on {@code thread}, in {@code scope}, due in {@code delayNanos}, carries. */
  static Carried of(ScopeContext scope, Thread thread, boolean periodic, long delayNanos) {
    long due = System.nanoTime() + Math.max(0, delayNanos);
    if (periodic) {
      return new Carried(scope, NONE, due);
    }
    ScopeContext[] out = new ScopeContext[4];
    int n = 0;
    for (ScopeContext s = scope; s != null; s = s.outer) {
      if (s.isStaleOn(thread)) {
        continue;
      }
      n = add(out, n, s);
      out = n == out.length ? java.util.Arrays.copyOf(out, n * 2) : out;
      if (s.adoptedBy != null) {
        n = add(out, n, s.adoptedBy);
        out = n == out.length ? java.util.Arrays.copyOf(out, n * 2) : out;
      }
    }
    return new Carried(scope, java.util.Arrays.copyOf(out, n), due);
  }

  private static int add(ScopeContext[] out, int n, ScopeContext s) {
    if (TestWindows.contains(out, n, s)) {
      return n;
    }
    out[n] = s;
    return n + 1;
  }

  /** Handed off: queued (or scheduled) in every scope it is in flight for. */
  void queued() {
    for (ScopeContext s : inFlightFor) {
      s.queuedTasks.incrementAndGet();
    }
  }

  /** Will not run after all (rejected, removed, collected unrun, handed off again elsewhere). */
  void dropped() {
    for (ScopeContext s : inFlightFor) {
      s.queuedTasks.decrementAndGet();
    }
  }

  /** Starts running (counted running before it stops counting queued, so it is never seen as neither). */
  void started() {
    for (ScopeContext s : inFlightFor) {
      s.runningTasks.incrementAndGet();
      s.queuedTasks.decrementAndGet();
    }
  }

  /** Ran. */
  void finished() {
    for (ScopeContext s : inFlightFor) {
      s.runningTasks.decrementAndGet();
    }
  }

  /** Whether this task is work in flight for {@code s}. */
  boolean inFlightFor(ScopeContext s) {
    return TestWindows.contains(inFlightFor, inFlightFor.length, s);
  }
}
