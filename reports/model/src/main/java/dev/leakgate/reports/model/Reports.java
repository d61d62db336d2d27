package dev.leakgate.reports.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Merges and compares {@code leakgate.report/1} documents (reading and writing them as JSON is
 * {@code dev.leakgate.reports.json.JsonReports}, in {@code leakgate-reports}).
 *
 * <p>Merge rule (shards or many JVMs): components, sites and process-wide sites are summed (sites by
 * kind and site string), instances and pre-existing threads are concatenated up to {@value #MAX_INSTANCES},
 * samples are summed position by position over the shortest series, and the verdict is the worst
 * status with the highest per-kind rates, its culprit sites unioned worst report first.
 */
public final class Reports {

  /** The report format caps instances at this many (oldest first); merging keeps the cap. */
  public static final int MAX_INSTANCES = 1000;

  /** A site lists at most this many distinct scopes and threads. */
  public static final int MAX_NAMES_PER_SITE = 16;

  /** Rates within 0.5 components per request of the baseline are noise, not a regression. */
  public static final double BASELINE_ABSOLUTE_TOLERANCE = 0.5;

  /** ...and so are rates within 10 % of a large baseline rate. */
  public static final double BASELINE_RELATIVE_TOLERANCE = 0.10;

  private Reports() {}

  /** Merges reports of several JVMs or CI shards into one (see the class comment for the rule). */
  public static Report merge(List<Report> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    if (reports.size() == 1) {
      return reports.get(0);
    }
    Map<String, Counts> components = new LinkedHashMap<>();
    Map<SiteKey, Site> sites = new LinkedHashMap<>();
    Map<SiteKey, Site> processWide = new LinkedHashMap<>();
    List<Instance> instances = new ArrayList<>();
    List<ComponentThread> preExisting = new ArrayList<>();
    String generatedAt = null;
    for (Report report : reports) {
      report.components().forEach((kind, counts) -> components.merge(kind, counts, Counts::plus));
      report.sites().forEach(site -> sites.merge(site.key(), site, Reports::mergeSite));
      report.processWide().forEach(site -> processWide.merge(site.key(), site, Reports::mergeSite));
      addCapped(instances, report.instances());
      addCapped(preExisting, report.preExistingThreads());
      generatedAt = later(generatedAt, report.generatedAt());
    }
    List<Site> sortedSites = new ArrayList<>(sites.values());
    sortedSites.sort(Site.MOST_LIVE_FIRST);
    List<Site> sortedProcessWide = new ArrayList<>(processWide.values());
    sortedProcessWide.sort(Site.MOST_LIVE_FIRST);
    return new Report(
        Report.SCHEMA,
        generatedAt,
        mergedSource(reports),
        components,
        sortedSites,
        instances,
        preExisting,
        mergeSamples(reports),
        mergeVerdicts(reports),
        sortedProcessWide);
  }

  /**
   * Compares {@code current} with {@code baseline} using the default tolerance: a rate may rise by
   * {@value #BASELINE_ABSOLUTE_TOLERANCE} per request or {@value #BASELINE_RELATIVE_TOLERANCE} of
   * the baseline rate, whichever is larger.
   */
  public static BaselineComparison compare(Report current, Report baseline) {
    return compare(current, baseline, BASELINE_ABSOLUTE_TOLERANCE, BASELINE_RELATIVE_TOLERANCE);
  }

  /** Compares {@code current} with {@code baseline}: new culprit sites and higher per-kind rates. */
  public static BaselineComparison compare(
      Report current, Report baseline, double absoluteTolerance, double relativeTolerance) {
    Set<SiteKey> known = new HashSet<>();
    baseline.culprits().forEach(site -> known.add(site.key()));
    List<Site> newCulprits =
        current.culprits().stream().filter(site -> !known.contains(site.key())).toList();
    List<BaselineComparison.RateIncrease> higher = new ArrayList<>();
    if (current.verdict() != null) {
      Map<String, KindVerdict> before =
          baseline.verdict() == null ? Map.of() : baseline.verdict().byKind();
      current
          .verdict()
          .byKind()
          .forEach(
              (kind, now) -> {
                KindVerdict then = before.get(kind);
                double base = then == null ? 0 : then.perRequest();
                double allowed =
                    base + Math.max(absoluteTolerance, relativeTolerance * Math.abs(base));
                if (now.perRequest() > allowed) {
                  higher.add(
                      new BaselineComparison.RateIncrease(kind, base, now.perRequest(), allowed));
                }
              });
    }
    return new BaselineComparison(newCulprits, higher);
  }

  private static Site mergeSite(Site a, Site b) {
    return new Site(
        a.kind(),
        a.site(),
        a.className() != null ? a.className() : b.className(),
        a.method() != null ? a.method() : b.method(),
        a.file() != null ? a.file() : b.file(),
        a.hasLine() ? a.line() : b.line(),
        a.created() + b.created(),
        a.shutdown() + b.shutdown(),
        a.live() + b.live(),
        a.liveThreads() + b.liveThreads(),
        a.stack().isEmpty() ? b.stack() : a.stack(),
        union(a.scopes(), b.scopes(), MAX_NAMES_PER_SITE),
        union(a.threads(), b.threads(), MAX_NAMES_PER_SITE),
        a.reason() != null ? a.reason() : b.reason());
  }

  private static List<String> union(List<String> a, List<String> b, int cap) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all.stream().limit(cap).toList();
  }

  private static <T> void addCapped(List<T> into, List<T> more) {
    for (T item : more) {
      if (into.size() >= MAX_INSTANCES) {
        return;
      }
      into.add(item);
    }
  }

  private static String later(String a, String b) {
    if (a == null) {
      return b;
    }
    try {
      return Instant.parse(b).isAfter(Instant.parse(a)) ? b : a;
    } catch (DateTimeParseException e) {
      return a;
    }
  }

  private static Source mergedSource(List<Report> reports) {
    List<String> labels =
        reports.stream()
            .map(report -> report.source() == null ? null : report.source().label())
            .filter(label -> label != null && !label.isBlank())
            .distinct()
            .toList();
    Set<String> versions =
        reports.stream()
            .map(report -> report.source() == null ? null : report.source().agentVersion())
            .collect(Collectors.toCollection(HashSet::new));
    String version = versions.size() == 1 ? versions.iterator().next() : null;
    return new Source("merge", labels.isEmpty() ? null : String.join("+", labels), null, version);
  }

  /** Shards sample at the same points, so position-wise sums give the fleet's series. */
  private static List<Sample> mergeSamples(List<Report> reports) {
    List<List<Sample>> series =
        reports.stream().map(Report::samples).filter(list -> !list.isEmpty()).toList();
    if (series.isEmpty()) {
      return List.of();
    }
    if (series.size() == 1) {
      return series.get(0);
    }
    int length = series.stream().mapToInt(List::size).min().orElse(0);
    List<Sample> merged = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      long requests = 0;
      long liveThreads = 0;
      Map<String, Long> live = new TreeMap<>();
      Map<String, Long> created = new TreeMap<>();
      for (List<Sample> samples : series) {
        Sample sample = samples.get(i);
        requests += sample.requests();
        liveThreads += sample.liveThreads();
        sample.live().forEach((kind, count) -> live.merge(kind, count, Long::sum));
        sample.created().forEach((kind, count) -> created.merge(kind, count, Long::sum));
      }
      merged.add(new Sample(requests, live, created, liveThreads));
    }
    return merged;
  }

  private static Verdict mergeVerdicts(List<Report> reports) {
    List<Verdict> verdicts =
        reports.stream()
            .map(Report::verdict)
            .filter(verdict -> verdict != null)
            .sorted(Comparator.comparingInt((Verdict v) -> v.status().severity()).reversed())
            .toList();
    if (verdicts.isEmpty()) {
      return null;
    }
    Status status = Status.worst(verdicts.stream().map(Verdict::status).toList());
    long requests = 0;
    long warmup = 0;
    double perRequest = 0;
    Map<String, KindVerdict> byKind = new LinkedHashMap<>();
    Set<String> sites = new LinkedHashSet<>();
    for (Verdict verdict : verdicts) {
      requests += verdict.requests();
      warmup += verdict.warmup();
      perRequest = Math.max(perRequest, verdict.perRequest());
      verdict.byKind().forEach((kind, kindVerdict) -> byKind.merge(kind, kindVerdict, Reports::worseKind));
      sites.addAll(verdict.sites());
    }
    return new Verdict(status, requests, warmup, perRequest, byKind, new ArrayList<>(sites));
  }

  private static KindVerdict worseKind(KindVerdict a, KindVerdict b) {
    return new KindVerdict(
        Status.worse(a.status(), b.status()),
        Math.max(a.perRequest(), b.perRequest()),
        Math.max(a.createdPerRequest(), b.createdPerRequest()));
  }
}
