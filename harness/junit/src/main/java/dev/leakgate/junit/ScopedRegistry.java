package dev.leakgate.junit;

import dev.leakgate.agent.registry.CallSite;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.SiteSnapshot;
import dev.leakgate.agent.AgentMain;
import dev.leakgate.internal.probe.Lifecycle;
import dev.leakgate.internal.probe.RegistryClient;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Source;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This JVM's registry seen through one scope: the counts of the components that belong to it (built
 * in it, in work it handed off, or while its test ran alone) and the sites that built them. Tests
 * running in parallel each see only their own. Create it only after the agent is installed.
 */
final class ScopedRegistry implements RegistryClient {
  private final ScopeContext scope;

  ScopedRegistry(ScopeContext scope) {
    this.scope = scope;
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

  /** The scope's own counters only: settling polls this, so it never walks the registry's instances. */
  @Override
  public String lifecycle() {
    return Lifecycle.ofCounters(scope::created, scope::shutdown);
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
