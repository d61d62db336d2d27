package dev.leakgate.reports.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.leakgate.reports.render.ReportText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads, writes, merges and compares {@code leakgate.report/1} documents.
 *
 * <p>Merge rule (shards or many JVMs): components and sites are summed (sites by kind and site
 * string), instances and pre-existing threads are concatenated up to {@value #MAX_INSTANCES},
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

  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("Missing required creator property '([^']+)'");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // later versions may add fields: readers ignore what they do not know
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private Reports() {}

  /** Reads the report at {@code file}; every problem becomes one {@link ReportFormatException}. */
  public static Report read(Path file) throws ReportFormatException {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ReportFormatException(name, "no such file", e);
    } catch (IOException e) {
      throw new ReportFormatException(name, "cannot read file (" + e + ")", e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), name);
  }

  /** Parses report JSON; {@code name} names the input in error messages. */
  public static Report parse(String json, String name) throws ReportFormatException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (StreamReadException e) {
      throw new ReportFormatException(name, "not valid JSON (" + describe(e) + ")", e);
    } catch (JsonProcessingException e) {
      throw new ReportFormatException(name, "not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ReportFormatException(name, "empty file, expected a LeakGate report", null);
    }
    if (!tree.isObject()) {
      throw new ReportFormatException(
          name, "not a LeakGate report (expected a JSON object, found " + tree.getNodeType() + ")", null);
    }
    JsonNode schema = tree.get("schema");
    if (schema == null || schema.isNull()) {
      throw new ReportFormatException(
          name, "not a LeakGate report (no \"schema\" field, expected \"" + Report.SCHEMA + "\")", null);
    }
    if (!Report.SCHEMA.equals(schema.asText())) {
      throw new ReportFormatException(
          name,
          "not a LeakGate report (schema is \"" + schema.asText() + "\", expected \"" + Report.SCHEMA + "\")",
          null);
    }
    Report report;
    try {
      report = MAPPER.treeToValue(tree, Report.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ReportFormatException(name, describe(e), e);
    }
    try {
      Instant.parse(report.generatedAt());
    } catch (DateTimeParseException e) {
      throw new ReportFormatException(
          name,
          "invalid field \"generatedAt\": \"" + report.generatedAt() + "\" is not an ISO-8601 instant",
          e);
    }
    return report;
  }

  /** Returns the report as pretty-printed JSON, leaving out absent (null) fields. */
  public static String toJson(Report report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + report, e);
    }
  }

  /**
   * Writes the report as JSON to {@code file}. A lone UTF-16 surrogate in a string (a thread name
   * of the observed application may hold one) is written as U+FFFD: no UTF-8 file can hold it.
   */
  public static void write(Report report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, ReportText.wellFormed(toJson(report)) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Reads several reports (files, or folders as by {@link #files}) and merges them; one report is
   * returned unchanged.
   */
  public static Report readAll(List<Path> paths) throws ReportFormatException {
    List<Report> reports = new ArrayList<>();
    for (Path file : files(paths)) {
      reports.add(read(file));
    }
    return merge(reports);
  }

  /**
   * The report files named by {@code paths}: a file as given, a folder as every {@code *.json} file
   * directly inside it, by name (the agent's {@code report=FOLDER/} writes one per JVM there; its
   * temporary files end in {@code .tmp} and are left out). A folder without one is an error.
   */
  public static List<Path> files(List<Path> paths) throws ReportFormatException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      List<Path> inside;
      try (Stream<Path> listed = Files.list(path)) {
        inside = listed.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
      } catch (IOException e) {
        throw new ReportFormatException(path.toString(), "cannot list the folder (" + e + ")", e);
      }
      if (inside.isEmpty()) {
        throw new ReportFormatException(path.toString(), "a folder without reports (no *.json file in it)", null);
      }
      files.addAll(inside);
    }
    return files;
  }

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
    List<Instance> instances = new ArrayList<>();
    List<ComponentThread> preExisting = new ArrayList<>();
    String generatedAt = null;
    for (Report report : reports) {
      report.components().forEach((kind, counts) -> components.merge(kind, counts, Counts::plus));
      report.sites().forEach(site -> sites.merge(site.key(), site, Reports::mergeSite));
      addCapped(instances, report.instances());
      addCapped(preExisting, report.preExistingThreads());
      generatedAt = later(generatedAt, report.generatedAt());
    }
    List<Site> sortedSites = new ArrayList<>(sites.values());
    sortedSites.sort(Site.MOST_LIVE_FIRST);
    return new Report(
        Report.SCHEMA,
        generatedAt,
        mergedSource(reports),
        components,
        sortedSites,
        instances,
        preExisting,
        mergeSamples(reports),
        mergeVerdicts(reports));
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
        union(a.threads(), b.threads(), MAX_NAMES_PER_SITE));
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

  /** Turns a Jackson error into one line naming the field, e.g. {@code missing required field "sites[0].kind"}. */
  private static String describe(Exception e) {
    if (e instanceof StreamReadException read) {
      JsonLocation where = read.getLocation();
      return read.getOriginalMessage().lines().findFirst().orElse("")
          + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr());
    }
    if (e instanceof DatabindException mapping) {
      String path = path(((JsonMappingException) mapping).getPath());
      String original = firstLine(((JacksonException) mapping).getOriginalMessage());
      Matcher missing = MISSING_PROPERTY.matcher(original);
      if (e instanceof MismatchedInputException && missing.find()) {
        String name = missing.group(1);
        // Jackson sometimes already points the path at the missing property
        String field =
            path.isEmpty() ? name : path.equals(name) || path.endsWith("." + name) ? path : path + "." + name;
        return "missing required field \"" + field + "\"";
      }
      if (e instanceof ValueInstantiationException && e.getCause() != null) {
        original = firstLine(e.getCause().getMessage());
      }
      return "invalid field \"" + path + "\": " + original;
    }
    return firstLine(String.valueOf(e.getMessage()));
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      }
    }
    return path.toString();
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }
}
