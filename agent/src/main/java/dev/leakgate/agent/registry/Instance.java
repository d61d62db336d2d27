package dev.leakgate.agent.registry;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the registry remembers of one component; it holds the component's threads only weakly. */
final class Instance {
  final long id;
  final Kind kind;
  final Site site;
  final String thread;
  final long createdAtMillis;
  final String scope;
  /** Every scope it counts for: the chain open where it was built, and the lone running test. */
  final ScopeContext[] scopes;
  /** Built in a static initialiser, or by the JDK or the test engine for itself: no scope's, no kind count's. */
  final boolean processWide;
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private volatile CallSite shutdownSite;
  private final List<WeakReference<Thread>> threads = new ArrayList<>(2);

  Instance(long id, Kind kind, Site site, String thread, long createdAtMillis, String scope, ScopeContext[] scopes,
      boolean processWide) {
    this.scopes = scopes;
    this.processWide = processWide;
    this.id = id;
    this.kind = kind;
    this.site = site;
    this.thread = thread;
    this.createdAtMillis = createdAtMillis;
    this.scope = scope;
  }

  synchronized void addThread(Thread t) {
    for (WeakReference<Thread> ref : threads) {
      if (ref.get() == t) {
        return;
      }
    }
    threads.add(new WeakReference<>(t));
  }

  synchronized int aliveThreads() {
    int alive = 0;
    for (WeakReference<Thread> ref : threads) {
      Thread t = ref.get();
      if (t != null && t.isAlive()) {
        alive++;
      }
    }
    return alive;
  }

  synchronized List<ThreadSnapshot> threadSnapshots() {
    List<ThreadSnapshot> out = new ArrayList<>(threads.size());
    for (WeakReference<Thread> ref : threads) {
      Thread t = ref.get();
      if (t != null) {
        out.add(new ThreadSnapshot(t.getName(), kind, t.isAlive()));
      }
    }
    return out;
  }

  boolean belongsTo(ScopeContext s) {
    for (ScopeContext mine : scopes) {
      if (mine == s) {
        return true;
      }
    }
    return false;
  }

  /** Marks the instance shut down; true only for the first call. */
  boolean markShutdown(CallSite where) {
    if (shutdown.compareAndSet(false, true)) {
      shutdownSite = where;
      return true;
    }
    return false;
  }

  boolean isShutdown() {
    return shutdown.get();
  }

  CallSite shutdownSite() {
    return shutdownSite;
  }
}
