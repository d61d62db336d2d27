package dev.leakgate.api;

/**
 * A named scope (a test, a request) open on the current thread: components created inside it, and in
 * work handed from it to other threads, carry its name. Closing twice or out of order is harmless.
 * Closing it on another thread (a request that completes on a callback thread) ends it everywhere:
 * the opening thread leaves it too, and scopes opened there later are never nested in it; work it
 * handed off still counts for it.
 */
public final class Scope implements AutoCloseable {
  private final String name;
  private final AutoCloseable opened;

  Scope(String name, AutoCloseable opened) {
    this.name = name;
    this.opened = opened;
  }

  /** This scope's name, as given. */
  public String name() {
    return name;
  }

  /** Closes this scope; the scope that was open around it becomes current again. */
  @Override
  public void close() {
    if (opened == null) {
      return;
    }
    try {
      opened.close();
    } catch (Throwable t) {
      // never throw into the application
    }
  }

  @Override
  public String toString() {
    return "Scope{" + name + "}";
  }
}
