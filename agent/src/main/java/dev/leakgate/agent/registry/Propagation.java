package dev.leakgate.agent.registry;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries scopes with work handed to other threads. Code woven into JDK executors calls these
 * methods: {@link #capture} where a task is handed off (the scopes open there are remembered beside
 * the task, in a weak identity table: the task itself is never wrapped or changed); where a worker
 * runs it, those scopes become current: {@link #beforeTask}/{@link #afterTask} around a task that may
 * run inside another (ForkJoin), {@link #enterTask}/{@link #leaveTask} on a thread that runs one
 * task at a time and nothing else (a pool's worker, a timer's thread). None of them throws.
 *
 * <p>Every woven point is a method entered once per task (never a worker's loop, which a thread
 * started before the weaving would go on running unwoven), so pools that existed before the first
 * scope are followed too.
 */
public final class Propagation {
  private static final ConcurrentHashMap<WeakIdentityKey, ScopeContext> CARRIED = new ConcurrentHashMap<>();
  private static final ReferenceQueue<Object> FINISHED = new ReferenceQueue<>();
  /** What was current on this thread before each task now running on it (tasks may nest: a join runs another). */
  private static final ThreadLocal<Saved> SAVED = new ThreadLocal<>();

  private Propagation() {}

  /** {@code task} is handed off: it carries the scopes open on this thread, if any. */
  public static void capture(Object task) {
    try {
      ScopeContext scope = Scopes.current();
      if (scope == null || task == null) {
        return;
      }
      expunge();
      CARRIED.put(new WeakIdentityKey(task, FINISHED), scope);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** A worker starts running {@code task}: the scopes it carries become current (none when it carries none). */
  public static void beforeTask(Object task) {
    try {
      ScopeContext carried = task == null || CARRIED.isEmpty() ? null : CARRIED.get(new WeakIdentityKey(task, null));
      ScopeContext previous = Scopes.attach(carried);
      SAVED.set(new Saved(previous, SAVED.get()));
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /**
   * A worker that runs one task at a time starts {@code task}: its scopes become current, replacing
   * whatever the worker had (a worker's own scopes mean nothing: it only ever runs tasks).
   */
  public static void enterTask(Object task) {
    try {
      Scopes.restore(task == null || CARRIED.isEmpty() ? null : CARRIED.get(new WeakIdentityKey(task, null)));
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The worker finished its task: it runs in no scope until the next. */
  public static void leaveTask() {
    try {
      Scopes.restore(null);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The task started last on this thread finished: what was current before it comes back. */
  public static void afterTask() {
    try {
      Saved saved = SAVED.get();
      if (saved == null) {
        return;
      }
      if (saved.outer == null) {
        SAVED.remove();
      } else {
        SAVED.set(saved.outer);
      }
      Scopes.restore(saved.scope);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** Tasks carrying scopes right now (for footprint tests). */
  public static int carried() {
    expunge();
    return CARRIED.size();
  }

  private static void expunge() {
    Reference<?> ref;
    while ((ref = FINISHED.poll()) != null) {
      CARRIED.remove(ref);
    }
  }

  /** What was current before a task, linked to what was current before the task around it. */
  private static final class Saved {
    final ScopeContext scope;
    final Saved outer;

    Saved(ScopeContext scope, Saved outer) {
      this.scope = scope;
      this.outer = outer;
    }
  }

}
