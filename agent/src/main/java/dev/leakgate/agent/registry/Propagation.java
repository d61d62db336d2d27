package dev.leakgate.agent.registry;

import java.util.concurrent.Delayed;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Carries scopes with work handed to other threads. Code woven into the JDK's executors calls these
 * methods, and none of them throws:
 * <ul>
 *   <li>{@link #capture} where a task is handed off (a pool's execute or schedule, a fork-join push, a
 *       timer's schedule): the task carries the scopes open there, beside it in {@link CarriedScopes};
 *       nothing is done where no scope is open, and building a task object hands nothing off;
 *   <li>{@link #beforeTask}/{@link #afterTask} around a fork-join task's run, which may nest (a join
 *       runs another task): the task's scopes are current while it runs, and a task that carries none
 *       leaves the current scope as it is (the caller's own, when it runs the task itself);
 *   <li>{@link #enterTask}/{@link #leaveTask} on a thread that runs one task at a time and nothing else
 *       (a pool's worker, a timer's thread): the task's scopes replace whatever was current;
 *   <li>{@link #leaveTask} also where such a thread starts, so it never sits in the scope it was
 *       started in (a pool built inside a test holds no reference to the test's scope).
 * </ul>
 * A task's entry is taken when it starts running, so a task handed off again later carries only
 * what is open at that later hand-off, and the table holds only work in flight (and the periodic timer
 * tasks still scheduled). From the hand-off
 * until it ends, a task that is not periodic is work in flight for its scopes
 * ({@link #tasksInFlight}): what a test waits for before it decides.
 *
 * <p>Every woven point is a method entered once per task (never a worker's loop, which a thread
 * started before the weaving would go on running unwoven), so pools that existed before the first
 * scope are followed too.
 */
public final class Propagation {
  private static final CarriedScopes CARRIED = new CarriedScopes();
  /** The tasks running on this thread that brought scopes, innermost first. */
  private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();

  private Propagation() {}

  /** {@code task} is handed off: it carries the scopes open on this thread, if any. */
  public static void capture(Object task) {
    try {
      ScopeContext scope = task == null ? null : Scopes.current();
      if (scope != null) {
        hand(task, scope, isPeriodic(task), task instanceof Delayed ? ((Delayed) task).getDelay(TimeUnit.NANOSECONDS) : 0);
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /**
   * A {@code java.util.TimerTask} is scheduled to run at {@code time} ({@link System#currentTimeMillis})
   * and again every {@code period} ms (0: once).
   */
  public static void captureTimerTask(Object task, long time, long period) {
    try {
      ScopeContext scope = task == null ? null : Scopes.current();
      if (scope != null) {
        hand(task, scope, period != 0, TimeUnit.MILLISECONDS.toNanos(time - System.currentTimeMillis()));
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The tasks a pool's {@code shutdownNow()} drained from its queue will never run. */
  public static void forgetAll(Object drained) {
    try {
      if (drained instanceof Iterable && !CARRIED.isEmpty()) {
        for (Object task : (Iterable<?>) drained) {
          forget(task);
        }
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  private static void hand(Object task, ScopeContext scope, boolean periodic, long delayNanos) {
    // a task handing itself off again while it runs is periodic: it never ends, nobody waits for it
    Carried carried = Carried.of(scope, Thread.currentThread(), periodic || isRunningHere(task), delayNanos);
    carried.queued();
    Carried before = CARRIED.put(task, carried);
    if (before != null) {
      before.dropped();
    }
  }

  private static boolean isPeriodic(Object task) {
    return task instanceof RunnableScheduledFuture && ((RunnableScheduledFuture<?>) task).isPeriodic();
  }

  private static boolean isRunningHere(Object task) {
    for (Running r = RUNNING.get(); r != null; r = r.outer) {
      if (r.task == task) {
        return true;
      }
    }
    return false;
  }

  /** {@code task} will not run (rejected, removed from its queue): it carries nothing any more. */
  public static void forget(Object task) {
    try {
      if (task != null && !CARRIED.isEmpty()) {
        CARRIED.drop(task);
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** A fork-join task starts running on this thread: the scopes it carries become current until it ends. */
  public static void beforeTask(Object task) {
    try {
      if (task == null || CARRIED.isEmpty()) {
        return;
      }
      Carried carried = CARRIED.takeToRun(task);
      if (carried != null) {
        RUNNING.set(new Running(task, Scopes.attach(carried.scope), carried, false, RUNNING.get()));
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The fork-join task {@code task} ends: what was current before it comes back, if it changed it. */
  public static void afterTask(Object task) {
    try {
      Running running = RUNNING.get();
      for (Running r = running; r != null; r = r.outer) {
        if (r.task == task) {
          // tasks started inside it that never reported their end (none should) end with it
          unwind(running, r.outer);
          Scopes.restore(r.previous);
          return;
        }
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /**
   * A thread that runs one task at a time starts {@code task}: the scopes it carries become current,
   * replacing whatever the thread had (such a thread's own scope means nothing: it only runs tasks).
   */
  public static void enterTask(Object task) {
    try {
      endTasks();
      Carried carried = task == null || CARRIED.isEmpty() ? null : CARRIED.takeToRun(task);
      if (carried == null) {
        Scopes.restore(null);
        return;
      }
      RUNNING.set(new Running(task, null, carried, true, RUNNING.get()));
      Scopes.restore(carried.scope);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** As {@link #enterTask}, for a periodic timer task that runs again: it keeps what it carries. */
  public static void enterPeriodicTask(Object task) {
    try {
      endTasks();
      Carried carried = task == null || CARRIED.isEmpty() ? null : CARRIED.get(task);
      Scopes.restore(carried == null ? null : carried.scope);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The thread finished its task (or starts its loop): it runs in no scope until the next task. */
  public static void leaveTask() {
    try {
      endTasks();
      Scopes.restore(null);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** Ends the one-at-a-time task running on this thread, and whatever runs inside it. */
  private static void endTasks() {
    Running running = RUNNING.get();
    for (Running r = running; r != null; r = r.outer) {
      if (r.single) {
        unwind(running, r.outer);
        return;
      }
    }
  }

  /** Ends the tasks from {@code innermost} out to (not including) {@code outer}. */
  private static void unwind(Running innermost, Running outer) {
    for (Running r = innermost; r != outer; r = r.outer) {
      r.carried.finished();
    }
    if (outer == null) {
      RUNNING.remove();
    } else {
      RUNNING.set(outer);
    }
  }

  /**
   * Tasks handed off in {@code scope} (or in a request it adopted) that have not ended: running, or
   * waiting to run and due by {@code horizonNanos} ({@link System#nanoTime}; a done future waiting in
   * its queue does not count). Periodic tasks never count.
   */
  public static int tasksInFlight(ScopeContext scope, long horizonNanos) {
    // queued, then the table, then running: a task starts by counting running, then leaving the
    // table, then leaving queued, so one that starts meanwhile is seen in one place or another
    int waiting = scope.queuedTasks.get() <= 0 ? 0 : CARRIED.waitingFor(scope, horizonNanos);
    return waiting + scope.runningTasks.get();
  }

  /** Tasks carrying scopes right now (handed off and not yet run); for footprint tests. */
  public static int carried() {
    return CARRIED.size();
  }

  /** A task running on this thread that brought scopes, and what was current before it. */
  private static final class Running {
    final Object task;
    final ScopeContext previous;
    final Carried carried;
    /** Run by a thread that runs one task at a time (a pool's worker, a timer's thread). */
    final boolean single;
    final Running outer;

    Running(Object task, ScopeContext previous, Carried carried, boolean single, Running outer) {
      this.task = task;
      this.previous = previous;
      this.carried = carried;
      this.single = single;
      this.outer = outer;
    }
  }
}
