package dev.leakgate.agent.registry;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One scope (a test, a request) and the scopes that were open around it where it was opened: an
 * immutable chain, so work handed to another thread can carry it as one reference. Each scope keeps
 * its own counters, so a finished scope is forgotten with its last reference and nothing overflows.
 */
public final class ScopeContext implements AutoCloseable {
  /** Longest scope name kept; longer names are cut (a name is a label in a report, not data). */
  public static final int MAX_NAME_LENGTH = 200;

  private static final int KINDS = Kind.values().length;

  final String name;
  final ScopeContext outer;
  private final Thread opener;
  private final AtomicLongArray counts = new AtomicLongArray(2 * KINDS);
  private volatile boolean closed;

  ScopeContext(String name, ScopeContext outer, Thread opener) {
    this.name = name;
    this.outer = outer;
    this.opener = opener;
  }

  /** This scope's name (cut to {@link #MAX_NAME_LENGTH}). */
  public String name() {
    return name;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Whether {@code scope} is this scope or one open around it. */
  public boolean within(ScopeContext scope) {
    for (ScopeContext s = this; s != null; s = s.outer) {
      if (s == scope) {
        return true;
      }
    }
    return false;
  }

  /**
   * Closes the scope: idempotent, never throws. On the thread that opened it, the nearest open scope
   * around it becomes current again; closing out of order or on another thread only marks it closed.
   */
  @Override
  public void close() {
    closed = true;
    if (Thread.currentThread() == opener) {
      Scopes.closed(this); // idempotent: a second close finds the scope no longer current
    }
  }

  void count(int slot) {
    counts.incrementAndGet(slot);
  }

  /** Components of {@code kind} that belong to this scope: built (a counter read, cheap enough to poll). */
  public long created(Kind kind) {
    return counts.get(kind.ordinal());
  }

  /** Components of {@code kind} that belong to this scope: shut down (a counter read, cheap enough to poll). */
  public long shutdown(Kind kind) {
    return counts.get(KINDS + kind.ordinal());
  }

  @Override
  public String toString() {
    return outer == null ? name : outer + " > " + name;
  }
}
