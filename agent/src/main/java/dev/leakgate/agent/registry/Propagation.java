package dev.leakgate.agent.registry;

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
 * what is open at that later hand-off, and the table holds only work in flight.
 *
 * <p>Every woven point is a method entered once per task (never a worker's loop, which a thread
 * started before the weaving would go on running unwoven), so pools that existed before the first
 * scope are followed too.
 */
public final class Propagation {
  private static final CarriedScopes CARRIED = new CarriedScopes();
  /** The fork-join tasks running on this thread that changed its scope, innermost first. */
  private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();

  private Propagation() {}

  /** {@code task} is handed off: it carries the scopes open on this thread, if any. */
  public static void capture(Object task) {
    try {
      if (task == null) {
        return;
      }
      ScopeContext scope = Scopes.current();
      if (scope != null) {
        CARRIED.put(task, scope);
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** {@code task} will not run (rejected): it carries nothing any more. */
  public static void forget(Object task) {
    try {
      if (task != null && !CARRIED.isEmpty()) {
        CARRIED.take(task);
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
      ScopeContext carried = CARRIED.take(task);
      if (carried != null) {
        RUNNING.set(new Running(task, Scopes.attach(carried), RUNNING.get()));
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The fork-join task {@code task} ends: what was current before it comes back, if it changed it. */
  public static void afterTask(Object task) {
    try {
      Running running = RUNNING.get();
      if (running == null) {
        return;
      }
      for (Running r = running; r != null; r = r.outer) {
        if (r.task == task) {
          // tasks started inside it that never reported their end (none should) are unwound with it
          if (r.outer == null) {
            RUNNING.remove();
          } else {
            RUNNING.set(r.outer);
          }
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
      Scopes.restore(task == null || CARRIED.isEmpty() ? null : CARRIED.take(task));
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** As {@link #enterTask}, for a periodic task that runs again: it keeps what it carries. */
  public static void enterPeriodicTask(Object task) {
    try {
      Scopes.restore(task == null || CARRIED.isEmpty() ? null : CARRIED.get(task));
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The thread finished its task (or starts its loop): it runs in no scope until the next task. */
  public static void leaveTask() {
    try {
      Scopes.restore(null);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** Tasks carrying scopes right now (handed off and not yet run); for footprint tests. */
  public static int carried() {
    return CARRIED.size();
  }

  /** A fork-join task that changed this thread's scope, and what was current before it. */
  private static final class Running {
    final Object task;
    final ScopeContext previous;
    final Running outer;

    Running(Object task, ScopeContext previous, Running outer) {
      this.task = task;
      this.previous = previous;
      this.outer = outer;
    }
  }
}
