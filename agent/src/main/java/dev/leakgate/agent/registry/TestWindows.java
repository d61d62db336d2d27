package dev.leakgate.agent.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which scopes a component counts for, and the JUnit tests' windows. A component counts for every
 * scope of the chain where it is built; when that chain holds no test's scope and one test runs alone,
 * it also counts for that test (its window: work that reached threads LeakGate cannot follow); when
 * several run, it is noted as unattributed. A scope a handler opens while one test runs alone (a
 * request of a service the test calls) is adopted by that test: the work it hands off is the test's
 * work in flight. What the tests cannot see exactly (a component built through a window, a scope
 * opened while several tests run) is counted as activity outside the tests, which makes a test wait
 * for a quiet period before it decides.
 */
public final class TestWindows {
  /** Components built outside every running test's scope while several tests ran, listed at most. */
  static final int MAX_UNATTRIBUTED = 100;
  static final ScopeContext[] NO_SCOPES = new ScopeContext[0];

  /** Test windows open now (JUnit tests): while one runs alone, what carries no test's scope counts for it. */
  private static final CopyOnWriteArrayList<ScopeContext> WINDOWS = new CopyOnWriteArrayList<>();
  private static final List<Unattributed> UNATTRIBUTED = new ArrayList<>();
  private static final AtomicLong OUTSIDE_ACTIVITY = new AtomicLong();

  private TestWindows() {}

  /**
   * Marks {@code scope} as a JUnit test's scope, as soon as it exists (before its test instance is
   * built): what carries it never counts for another test's window.
   */
  public static void markTestScope(ScopeContext scope) {
    scope.test = true;
  }

  /**
   * Opens a test window: while it is the only one open, every component built that carries no test's
   * scope counts for {@code test}.
   */
  public static void open(ScopeContext test) {
    test.test = true;
    WINDOWS.add(test);
  }

  /** Closes a window opened with {@link #open}. */
  public static void close(ScopeContext test) {
    WINDOWS.remove(test);
  }

  /**
   * Marks {@code scope} as a JUnit test class's scope: a component that counts for a test (it carries
   * the test's scope, or was built while the test ran alone) does not also count for the class.
   */
  public static void markClassScope(ScopeContext scope) {
    scope.testClass = true;
  }

  /**
   * What the tests could not follow exactly so far: a count that grows with every component built
   * through a window and every application scope opened outside the tests while several ran.
   */
  public static long outsideActivity() {
    return OUTSIDE_ACTIVITY.get();
  }

  /** An application scope ({@code LeakGate.scope}) just opened: adopted by the lone running test, if any. */
  static void applicationScopeOpened(ScopeContext scope) {
    if (WINDOWS.isEmpty() || carriesATest(scope)) {
      return;
    }
    Object[] windows = WINDOWS.toArray();
    if (windows.length == 1) {
      scope.adoptedBy = (ScopeContext) windows[0];
    } else if (windows.length > 1) {
      OUTSIDE_ACTIVITY.incrementAndGet();
    }
  }

  private static boolean carriesATest(ScopeContext scope) {
    for (ScopeContext s = scope; s != null; s = s.outer) {
      if (s.test) {
        return true;
      }
    }
    return false;
  }

  /**
   * The scopes a component built now belongs to: every scope of the chain current here (a scope this
   * thread opened and another thread closed no longer counts; work carried from a scope counts for it
   * even after it closed), and, when the chain holds no test's scope, the running test if only one
   * runs. Built outside every test while several run, it is noted as unattributed.
   */
  static ScopeContext[] scopesOf(ScopeContext scope, Site site) {
    Thread thread = Thread.currentThread();
    int depth = 0;
    boolean carriesATest = false;
    ScopeContext adopter = null;
    for (ScopeContext s = scope; s != null; s = s.outer) {
      if (!s.isStaleOn(thread)) {
        depth++;
        carriesATest |= s.test;
        adopter = adopter == null ? s.adoptedBy : adopter;
      }
    }
    ScopeContext alone = null;
    if (!carriesATest && adopter != null) {
      alone = adopter; // a request of a service the test called: the test's, exactly
    } else if (!carriesATest) {
      Object[] windows = WINDOWS.toArray();
      if (windows.length == 1) {
        alone = (ScopeContext) windows[0];
        OUTSIDE_ACTIVITY.incrementAndGet();
      } else if (windows.length > 1) {
        OUTSIDE_ACTIVITY.incrementAndGet();
        noteUnattributed(site, windows);
      }
    }
    if (depth == 0 && alone == null) {
      return NO_SCOPES;
    }
    ScopeContext[] out = new ScopeContext[depth + (alone == null ? 0 : 1)];
    int i = 0;
    for (ScopeContext s = scope; s != null && i < depth; s = s.outer) {
      if (!s.isStaleOn(thread)) {
        out[i++] = s;
      }
    }
    if (alone != null && !contains(out, i, alone)) {
      out[i++] = alone;
    }
    if (carriesATest || alone != null) {
      i = withoutClassScopes(out, i);
    }
    return i == out.length ? out : Arrays.copyOf(out, i);
  }

  /** Drops JUnit class scopes from the first {@code n} scopes, in place; returns how many remain. */
  private static int withoutClassScopes(ScopeContext[] scopes, int n) {
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (!scopes[i].testClass) {
        scopes[kept++] = scopes[i];
      }
    }
    return kept;
  }

  static boolean contains(ScopeContext[] scopes, int n, ScopeContext scope) {
    for (int i = 0; i < n; i++) {
      if (scopes[i] == scope) {
        return true;
      }
    }
    return false;
  }

  private static void noteUnattributed(Site site, Object[] windows) {
    List<String> tests = new ArrayList<>(windows.length);
    for (Object w : windows) {
      tests.add(((ScopeContext) w).name);
    }
    boolean first;
    synchronized (UNATTRIBUTED) {
      Unattributed known = null;
      for (Unattributed u : UNATTRIBUTED) {
        if (u.site == site) {
          known = u;
        }
      }
      first = known == null;
      if (known != null) {
        known.count++;
      } else if (UNATTRIBUTED.size() < MAX_UNATTRIBUTED) {
        UNATTRIBUTED.add(new Unattributed(site, tests));
      }
    }
    if (first) {
      System.err.println("leakgate: a " + site.kind.name() + " built at " + site.callSite
          + " belongs to no running test: it was built outside their scopes while " + tests.size()
          + " tests ran (" + String.join(", ", tests) + ")");
    }
  }

  /** Components built outside every running test's scope while several tests ran (bounded list). */
  public static List<UnattributedSnapshot> unattributed() {
    synchronized (UNATTRIBUTED) {
      List<UnattributedSnapshot> out = new ArrayList<>(UNATTRIBUTED.size());
      for (Unattributed u : UNATTRIBUTED) {
        out.add(new UnattributedSnapshot(u.site.kind, u.site.callSite, u.count, List.copyOf(u.tests)));
      }
      return out;
    }
  }

  /** One site whose components were built outside every test's scope while several tests ran. */
  private static final class Unattributed {
    final Site site;
    final List<String> tests;
    long count = 1;

    Unattributed(Site site, List<String> tests) {
      this.site = site;
      this.tests = tests;
    }
  }
}
