package dev.leakgate.agent.registry;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One scope (a test, a request) and the scopes that were open around it where it was opened: a chain,
 * so work handed to another thread carries it as one reference. Each scope keeps its own counters, so
 * a finished scope is forgotten with its last reference and nothing overflows.
 *
 * <p>A scope is <em>own</em> on the thread that opened it and <em>carried</em> everywhere else (work
 * handed off, a thread started inside it). Closed, it stops counting where it is own (the opener's
 * thread no longer sits in it, even when another thread closed it) but keeps counting the work that
 * carries it: what that work builds after the scope closed is still the scope's.
 */
public final class ScopeContext implements AutoCloseable {
  /** Longest scope name kept; longer names are cut (a name is a label in a report, not data). */
  public static final int MAX_NAME_LENGTH = 200;
  /** Names shown by {@link #toString()} at most: the innermost ones. */
  private static final int NAMES_SHOWN = 8;

  private static final int KINDS = Kind.values().length;

  /** Final but for {@link #rename}, which JUnit's extension uses once a test's name is known. */
  volatile String name;
  /**
   * The scope open around this one. Opening a scope on a thread cuts the scopes that thread opened and
   * another thread closed out of the chain below it, so such chains never grow (an event loop whose
   * requests close on callback threads).
   */
  volatile ScopeContext outer;
  private final Thread opener;
  private final AtomicLongArray counts = new AtomicLongArray(2 * KINDS);
  private volatile boolean closed;
  /** A JUnit test's scope (set when its window opens): the lone-test window never overrides it. */
  volatile boolean test;
  /** A JUnit class's scope (its constructor, @BeforeAll, @AfterAll): what a test is charged for is not also the class's. */
  volatile boolean testClass;
  /** The test that ran alone when this application scope opened (a request the test caused): its work is that test's. */
  volatile ScopeContext adoptedBy;
  /** Tasks handed off in this scope and not started yet (queued or scheduled); periodic tasks are not counted. */
  final AtomicInteger queuedTasks = new AtomicInteger();
  /** Tasks handed off in this scope and running now. */
  final AtomicInteger runningTasks = new AtomicInteger();

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

  /**
   * Gives the scope the name it should have had (a test instance built before JUnit said which test it
   * is for); components already built keep the name they were recorded with.
   */
  public void rename(String newName) {
    name = Scopes.label(newName);
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

  /** Closed, and opened on the calling thread: a stale scope there, which no longer counts. */
  boolean isStaleOn(Thread thread) {
    return closed && opener == thread;
  }

  /**
   * Closes the scope: idempotent, never throws. On the thread that opened it, the nearest open scope
   * around it becomes current again; on any other thread it is marked closed, and the opener's thread
   * leaves it the next time it asks for its scope.
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

  /** The chain, outermost first ({@code test > request-17}); at most the innermost few names. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(name);
    int shown = 1;
    for (ScopeContext s = outer; s != null; s = s.outer) {
      if (shown++ == NAMES_SHOWN) {
        out.insert(0, "... > ");
        break;
      }
      out.insert(0, s.name + " > ");
    }
    return out.toString();
  }
}
