package dev.leakgate.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code leakgate.report/1} document: what one JVM, probe, test run or demo saw. See {@code
 * docs/report-schema.md}. {@code source} and {@code verdict} may be null; absent lists read as empty.
 * {@code components} and {@code sites} count the application's components; {@code processWide} lists
 * the sites of process-wide ones (built in a static initialiser, or by the JDK or the test engine for
 * itself), which no gate and no test counts.
 */
public record Report(
    String schema,
    String generatedAt,
    Source source,
    Map<String, Counts> components,
    List<Site> sites,
    List<Instance> instances,
    List<ComponentThread> preExistingThreads,
    List<Sample> samples,
    Verdict verdict,
    List<Site> processWide) {

  /** The schema id this model reads and writes. */
  public static final String SCHEMA = "leakgate.report/1";

  /** Copies the collections; absent ones read as empty. */
  public Report {
    components = Copies.map(components);
    sites = Copies.list(sites);
    instances = Copies.list(instances);
    preExistingThreads = Copies.list(preExistingThreads);
    samples = Copies.list(samples);
    processWide = Copies.list(processWide);
  }

  /** A report without process-wide components. */
  public Report(String schema, String generatedAt, Source source, Map<String, Counts> components, List<Site> sites,
      List<Instance> instances, List<ComponentThread> preExistingThreads, List<Sample> samples, Verdict verdict) {
    this(schema, generatedAt, source, components, sites, instances, preExistingThreads, samples, verdict, List.of());
  }

  /** Returns the verdict, if the report has one (the agent's exit report has none). */
  public Optional<Verdict> findVerdict() {
    return Optional.ofNullable(verdict);
  }

  /** Returns the label of the source, or {@code fallback} when there is none. */
  public String labelOr(String fallback) {
    return source != null && source.label() != null && !source.label().isBlank()
        ? source.label()
        : fallback;
  }

  /** Returns every kind named by the components, the verdict or the sites, in first-seen order. */
  public Set<String> kinds() {
    Set<String> kinds = new LinkedHashSet<>(components.keySet());
    if (verdict != null) {
      kinds.addAll(verdict.byKind().keySet());
    }
    sites.forEach(site -> kinds.add(site.kind()));
    return kinds;
  }

  /**
   * Returns true when the report saw no component at all: no counts, no site, nothing process-wide. A
   * CLEAN verdict over such a report means nothing was observed, not that nothing leaked.
   */
  public boolean noComponentSeen() {
    return sites.isEmpty() && processWide.isEmpty()
        && components.values().stream().allMatch(c -> c.created() == 0 && c.live() == 0);
  }

  /** Returns the components built before LeakGate started, created per kind (in the order of {@link #kinds()}); empty when none. */
  public Map<String, Long> builtBeforeStart() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String kind : kinds()) {
      for (Site site : sites) {
        if (site.builtBeforeStart() && site.kind().equals(kind)) {
          out.merge(kind, site.created(), Long::sum);
        }
      }
    }
    return out;
  }

  /**
   * Returns the culprit sites: the sites whose {@code site} string the verdict names, in the
   * verdict's order (worst first). Empty without a verdict: there is no growth data to blame.
   */
  public List<Site> culprits() {
    List<Site> culprits = new ArrayList<>();
    if (verdict == null) {
      return culprits;
    }
    for (String culprit : new LinkedHashSet<>(verdict.sites())) {
      for (Site site : sites) {
        if (site.site().equals(culprit)) {
          culprits.add(site);
        }
      }
    }
    return culprits;
  }

  /** Returns the culprit sites of one kind. */
  public List<Site> culpritsOf(String kind) {
    return culprits().stream().filter(site -> site.kind().equals(kind)).toList();
  }
}
