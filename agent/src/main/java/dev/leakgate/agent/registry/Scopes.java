package dev.leakgate.agent.registry;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The scopes open on each thread. One copy per JVM: the public API ({@code dev.leakgate.api}) reaches
 * it through the JDK-typed {@link #OPEN} and {@link #ACTIVE}, found in the system class loader,
 * whichever loader holds the copy of the API that a caller uses.
 *
 * <p>A thread built inside a scope starts in it (platform or virtual: the thread is that scope's
 * work). Threads that only run other work (a pool's workers, a timer's thread, the JDK's schedulers)
 * leave it when they start: the woven JDK code clears it, so they never hold a finished scope.
 */
public final class Scopes {
  /** Opens a scope on the calling thread: what {@code LeakGate.scope(name)} calls. */
  public static final Function<String, AutoCloseable> OPEN = new Open();
  /** Whether the agent records in this JVM: what {@code LeakGate.isActive()} calls. */
  public static final BooleanSupplier ACTIVE = new Active();

  /** Inheritable: a thread built inside a scope starts in it (a platform or a virtual thread alike). */
  private static final InheritableThreadLocal<ScopeContext> CURRENT = new InheritableThreadLocal<>();
  /** Set once the first scope's action (weaving the JDK) has run; openers before that wait for it. */
  private static volatile boolean firstScopeDone;

  private Scopes() {}

  /** Opens a scope named {@code name} on the calling thread, inside the scopes open there. */
  public static ScopeContext open(String name) {
    ScopeContext scope = create(name);
    CURRENT.set(scope);
    return scope;
  }

  /**
   * A scope named {@code name} inside the scopes open on the calling thread, which it does not enter:
   * its owner {@link #attach}es it where its work runs (a test's scope around the test's own phases).
   */
  public static ScopeContext create(String name) {
    if (!firstScopeDone) {
      RecordingSettings.firstScopeOpened(); // returns once the JDK is woven, also for concurrent first openers
      firstScopeDone = true;
    }
    Thread thread = Thread.currentThread();
    ScopeContext outer = current();
    cutStale(outer, thread);
    return new ScopeContext(label(name), outer, thread);
  }

  /**
   * The innermost scope the calling thread is in (opened there, or carried to it), or null. A scope
   * this thread opened and another thread closed is left here, once, for good.
   */
  public static ScopeContext current() {
    ScopeContext scope = CURRENT.get();
    if (scope == null) {
      return null;
    }
    Thread thread = Thread.currentThread();
    if (!scope.isStaleOn(thread)) {
      return scope;
    }
    ScopeContext open = live(scope, thread);
    restore(open);
    return open;
  }

  /**
   * Makes {@code scope} current on the calling thread (work carried from another thread) and returns
   * what was current, to be given back to {@link #restore}.
   */
  public static ScopeContext attach(ScopeContext scope) {
    ScopeContext previous = CURRENT.get();
    CURRENT.set(scope);
    return previous;
  }

  /** Undoes {@link #attach}: {@code previous} becomes current again (null: no scope). */
  public static void restore(ScopeContext previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /** The opener closed {@code scope} on its own thread: the scope around it becomes current. */
  static void closed(ScopeContext scope) {
    ScopeContext current = CURRENT.get();
    if (current == null || !current.within(scope)) {
      return; // carried work or an inner scope closed already
    }
    restore(live(current, Thread.currentThread()));
  }

  /** {@code scope} or the nearest scope around it that is not stale on {@code thread}. */
  static ScopeContext live(ScopeContext scope, Thread thread) {
    ScopeContext s = scope;
    while (s != null && s.isStaleOn(thread)) {
      s = s.outer;
    }
    return s;
  }

  /** Cuts the scopes stale on {@code thread} out of the chain below {@code scope}, so it stays short. */
  private static void cutStale(ScopeContext scope, Thread thread) {
    for (ScopeContext s = scope; s != null; s = s.outer) {
      ScopeContext outer = s.outer;
      if (outer != null && outer.isStaleOn(thread)) {
        s.outer = live(outer, thread);
      }
    }
  }

  /** A usable label for any name a caller passes: never null, never empty, never huge. */
  static String label(String name) {
    if (name == null) {
      return "(null)";
    }
    if (name.isEmpty()) {
      return "(empty)";
    }
    if (name.length() > ScopeContext.MAX_NAME_LENGTH) {
      int end = ScopeContext.MAX_NAME_LENGTH;
      if (Character.isHighSurrogate(name.charAt(end - 1))) {
        end--; // never cut a character in two
      }
      return name.substring(0, end) + "...";
    }
    return name;
  }

  // classes, not lambdas: a lambda's first use bootstraps java.lang.invoke, tens of milliseconds
  private static final class Open implements Function<String, AutoCloseable> {
    @Override
    public AutoCloseable apply(String name) {
      ScopeContext scope = open(name);
      TestWindows.applicationScopeOpened(scope);
      return scope;
    }
  }

  private static final class Active implements BooleanSupplier {
    @Override
    public boolean getAsBoolean() {
      return RecordingSettings.isActive();
    }
  }
}
