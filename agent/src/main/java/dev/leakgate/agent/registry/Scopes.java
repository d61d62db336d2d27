package dev.leakgate.agent.registry;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The scopes open on each thread. One copy per JVM: the public API ({@code dev.leakgate.api}) reaches
 * it through the JDK-typed {@link #OPEN} and {@link #ACTIVE}, found in the system class loader,
 * whichever loader holds the copy of the API that a caller uses.
 */
public final class Scopes {
  /** Opens a scope on the calling thread: what {@code LeakGate.scope(name)} calls. */
  public static final Function<String, AutoCloseable> OPEN = new Open();
  /** Whether the agent records in this JVM: what {@code LeakGate.isActive()} calls. */
  public static final BooleanSupplier ACTIVE = new Active();

  /** Inheritable: a thread built inside a scope starts in it (a platform or a virtual thread alike). */
  private static final InheritableThreadLocal<ScopeContext> CURRENT = new InheritableThreadLocal<>();
  private static volatile boolean anyOpened;

  private Scopes() {}

  /** Opens a scope named {@code name} on the calling thread, inside the scopes open there. */
  public static ScopeContext open(String name) {
    ScopeContext scope = new ScopeContext(label(name), CURRENT.get(), Thread.currentThread());
    CURRENT.set(scope);
    if (!anyOpened) {
      anyOpened = true;
      RecordingSettings.firstScopeOpened();
    }
    return scope;
  }

  /** The innermost scope open on (or carried to) the calling thread, or null. */
  public static ScopeContext current() {
    return CURRENT.get();
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

  /** Undoes {@link #attach}. */
  public static void restore(ScopeContext previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /** The opener closed {@code scope}: the nearest open scope around the current one becomes current. */
  static void closed(ScopeContext scope) {
    ScopeContext current = CURRENT.get();
    if (current == null || !current.within(scope)) {
      return; // carried work or an inner scope closed already
    }
    ScopeContext open = current;
    while (open != null && open.isClosed()) {
      open = open.outer;
    }
    restore(open);
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
      return open(name);
    }
  }

  private static final class Active implements BooleanSupplier {
    @Override
    public boolean getAsBoolean() {
      return RecordingSettings.isActive();
    }
  }
}
