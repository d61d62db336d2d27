package dev.leakgate.agent.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one kind at one creation site; they outlive the instances, so totals survive GC. A
 * process-wide component's site is apart from an application one's at the same line.
 */
final class Site {
  private static final int MAX_NAMES = 16;

  final Kind kind;
  final CallSite callSite;
  final List<String> stack;
  /** Why its components are process-wide, or null: they belong to the scopes open where they were built. */
  final CreatingStack.ProcessWide processWide;
  final AtomicLong created = new AtomicLong();
  final AtomicLong shutdown = new AtomicLong();
  private final List<String> scopes = new ArrayList<>(2);
  private final List<String> threads = new ArrayList<>(2);

  Site(Kind kind, CallSite callSite, List<String> stack, CreatingStack.ProcessWide processWide) {
    this.kind = kind;
    this.callSite = callSite;
    this.stack = stack;
    this.processWide = processWide;
  }

  void noteCreation(ScopeContext[] scopesOfComponent, String threadName) {
    synchronized (this) {
      for (ScopeContext s : scopesOfComponent) {
        addBounded(scopes, s.name);
      }
      addBounded(threads, threadName);
    }
  }

  synchronized List<String> scopes() {
    return List.copyOf(scopes);
  }

  synchronized List<String> threads() {
    return List.copyOf(threads);
  }

  private static void addBounded(List<String> names, String name) {
    if (name != null && names.size() < MAX_NAMES && !names.contains(name)) {
      names.add(name);
    }
  }

  /** Identity of a site: kind, the frame's class, method and line, and whether (why) it is process-wide. */
  static final class Key {
    private final Kind kind;
    private final String className;
    private final String method;
    private final int line;
    private final CreatingStack.ProcessWide processWide;
    private final int hash;

    Key(Kind kind, String className, String method, int line, CreatingStack.ProcessWide processWide) {
      this.kind = kind;
      this.className = className;
      this.method = method;
      this.line = line;
      this.processWide = processWide;
      this.hash = ((kind.hashCode() * 31 + className.hashCode()) * 31 + method.hashCode()) * 31 + line;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return kind == k.kind && line == k.line && processWide == k.processWide && className.equals(k.className)
          && method.equals(k.method);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
