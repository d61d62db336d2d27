package dev.leakgate.harness.junit;

import dev.leakgate.api.Kind;
import dev.leakgate.api.Registry;
import dev.leakgate.harness.probe.InProcessRegistry;
import dev.leakgate.harness.probe.RegistryClient;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This JVM's registry seen through one scope: the counts of components created while the scope was
 * open, and the sites that created them. Tests running in parallel each see only their own.
 * Create it only after the agent is installed (it touches the agent's API).
 */
final class ScopedRegistry implements RegistryClient {
  private final RegistryClient whole = new InProcessRegistry();
  private final String scope;

  ScopedRegistry(String scope) {
    this.scope = scope;
  }

  @Override
  public Report read() {
    Report all = whole.read();
    Map<String, Counts> components = new LinkedHashMap<>();
    for (Map.Entry<Kind, dev.leakgate.api.Counts> e : Registry.scopeCounts(scope).entrySet()) {
      dev.leakgate.api.Counts c = e.getValue();
      if (c.created() > 0) {
        components.put(e.getKey().name(), new Counts(c.created(), c.shutdown(), c.live(), c.liveThreads(), c.draining()));
      }
    }
    // a site lists at most 16 scopes; one shared by more tests is left out rather than blamed on the wrong test
    List<Site> sites = all.sites().stream().filter(site -> site.scopes().contains(scope)).toList();
    Source from = all.source();
    Source source = new Source("junit", scope, from == null ? null : from.pid(), from == null ? null : from.agentVersion());
    return new Report(Report.SCHEMA, all.generatedAt(), source, components, sites, List.of(), List.of(), List.of(), null);
  }

  @Override
  public String toString() {
    return "ScopedRegistry{" + scope + "}";
  }
}
