package dev.leakgate.agent.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which scopes a component counts for: the scope chain open where it is built, and, when that chain
 * holds no test's scope, the JUnit test running alone (its window). Built outside every test's scope
 * while several tests ran, it is noted as unattributed: no test can be blamed.
 */
final class Attribution {
  /** Components built outside every running test's scope while several tests ran, listed at most. */
  static final int MAX_UNATTRIBUTED = 100;

  static final ScopeContext[] NO_SCOPES = new ScopeContext[0];

  /** Test windows open now (JUnit tests): while one runs alone, everything built counts for it. */
  private static final CopyOnWriteArrayList<ScopeContext> WINDOWS = new CopyOnWriteArrayList<>();
  private static final List<Unattributed> UNATTRIBUTED = new ArrayList<>();

  private Attribution() {}

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
    for (ScopeContext s = scope; s != null; s = s.outer) {
      if (!s.isStaleOn(thread)) {
        depth++;
        carriesATest |= s.test;
      }
    }
    ScopeContext alone = null;
    if (!carriesATest) {
      Object[] windows = WINDOWS.toArray();
      if (windows.length == 1) {
        alone = (ScopeContext) windows[0];
      } else if (windows.length > 1) {
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

  private static boolean contains(ScopeContext[] scopes, int n, ScopeContext scope) {
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

  static void openWindow(ScopeContext test) {
    test.test = true;
    WINDOWS.add(test);
  }

  static void closeWindow(ScopeContext test) {
    WINDOWS.remove(test);
  }

  static List<UnattributedSnapshot> unattributed() {
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
