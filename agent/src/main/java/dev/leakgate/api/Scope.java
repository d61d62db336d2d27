package dev.leakgate.api;

/** A named scope (a test, a request) open on the current thread; components created inside carry its name. */
public final class Scope implements AutoCloseable {
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private final String name;
  private final Scope outer;
  private boolean closed;

  private Scope(String name, Scope outer) {
    this.name = name;
    this.outer = outer;
  }

  static Scope open(String name) {
    Scope scope = new Scope(name, CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  /** The name of the innermost scope open on this thread, or null. */
  static String currentName() {
    Scope scope = CURRENT.get();
    return scope == null ? null : scope.name;
  }

  /** This scope's name. */
  public String name() {
    return name;
  }

  /** Closes this scope; the scope that was open before it becomes current again. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (CURRENT.get() == this) {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  @Override
  public String toString() {
    return "Scope{" + name + "}";
  }
}
