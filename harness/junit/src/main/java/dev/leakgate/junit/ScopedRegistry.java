package dev.leakgate.junit;

import dev.leakgate.agent.AgentMain;
import dev.leakgate.agent.registry.CallSite;
import dev.leakgate.agent.registry.InFlight;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.SiteSnapshot;
import dev.leakgate.agent.registry.TestWindows;
import dev.leakgate.internal.probe.Lifecycle;
import dev.leakgate.internal.probe.ProbeException;
import dev.leakgate.internal.probe.RegistryClient;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * This JVM's registry seen through one scope: the counts of the components that belong to it (built
 * in it, in work it handed off, or while its test ran alone) and the sites that built them. Tests
 * running in parallel each see only their own. It knows the scope's work in flight, so a sample is
 * read as soon as that work has ended; a test's window adds a quiet period only after work nothing
 * carried its scope to. Create it only after the agent is installed.
 */
final class ScopedRegistry implements RegistryClient {
  /** First and longest pause between two looks at the work in flight (doubling in between). */
  private static final long FIRST_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final ScopeContext scope;
  /** A test's window (untracked work may count for it); a class's scope has none. */
  private final boolean window;
  /** The test's whole timeout, which a message names (a wait may be handed only what is left of it). */
  private final Duration timeout;
  private long activitySeen;

  ScopedRegistry(ScopeContext scope, boolean window, Duration timeout) {
    this.scope = scope;
    this.window = window;
    this.timeout = timeout;
    this.activitySeen = TestWindows.outsideActivity();
  }

  @Override
  public Report read() {
    Map<String, Counts> components = new LinkedHashMap<>();
    for (Map.Entry<Kind, dev.leakgate.agent.registry.Counts> e : Registry.scopeCounts(scope).entrySet()) {
      dev.leakgate.agent.registry.Counts c = e.getValue();
      if (c.created() > 0) {
        components.put(e.getKey().name(), new Counts(c.created(), c.shutdown(), c.live(), c.liveThreads(), c.draining()));
      }
    }
    List<Site> sites = Registry.scopeSites(scope).stream().map(ScopedRegistry::site).toList();
    Source source = new Source("junit", scope.name(), ProcessHandle.current().pid(), AgentMain.version());
    return new Report(Report.SCHEMA, Instant.now().toString(), source, components, sites, List.of(), List.of(), List.of(), null);
  }

  /** The scope's own counters only: a quiet period polls this, so it never walks the registry's instances. */
  @Override
  public String lifecycle() {
    return Lifecycle.ofCounters(scope::created, scope::shutdown);
  }

  @Override
  public boolean settlesExactly() {
    return true;
  }

  @Override
  public void awaitInFlight(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    long pause = FIRST_POLL_NANOS;
    InFlight inFlight = InFlight.of(scope, deadline);
    while (!inFlight.isNone()) {
      if (System.nanoTime() - deadline > 0) {
        throw new ProbeException("its work was still in flight after " + timeout.toSeconds() + " s (" + inFlight
            + "), so what it leaves cannot be known yet; let the test wait for its work, or raise the timeout"
            + " (@LeakCheck(timeoutSeconds) or leakgate.junit.timeout)");
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_POLL_NANOS);
      inFlight = InFlight.of(scope, deadline);
    }
  }

  /**
   * Due after work the scope's counts could not follow (see {@link TestWindows}), and while a thread
   * started in the scope still runs: a thread is no task to wait for (it may never end), so the test
   * waits until its counts are still; one that ends in that time is no leak, one still running is a
   * live {@code Thread}.
   */
  @Override
  public boolean quietPeriodDue() {
    long activity = TestWindows.outsideActivity();
    boolean due = window && activity != activitySeen || Registry.liveThreadsStartedIn(scope) > 0;
    activitySeen = activity;
    return due;
  }

  private static Site site(SiteSnapshot s) {
    CallSite cs = s.site();
    dev.leakgate.agent.registry.Counts c = s.counts();
    return new Site(s.kind().name(), cs.toString(), cs.className(), cs.method(), cs.file(), cs.line(), c.created(),
        c.shutdown(), c.live(), c.liveThreads(), s.stack(), s.scopes(), s.threads());
  }

  @Override
  public String toString() {
    return "ScopedRegistry{" + scope.name() + "}";
  }
}
