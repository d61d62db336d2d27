package dev.leakgate.reports.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakgate.reports.gate.GateFailure;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.model.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a report as SARIF 2.1.0: one result per culprit site, located at the creating line so
 * code scanning annotates it.
 *
 * <p>Locations are relative to {@code %SRCROOT%}. Without a source root, the path is guessed from
 * the class name and file ({@code com/acme/AgentFactory.java}); with one, the real file is looked
 * up under it (preferring {@code src/main/java}, then {@code src/test/java}) and the path is made
 * relative to it, which is what code scanning resolves against the repository root.
 *
 * <p>Report strings in messages go through {@link ReportText#line}; those in machine-read fields
 * through {@link ReportText#wellFormed}, so the log is always written.
 */
public final class SarifRenderer {

  /** The schema the output follows (the OASIS errata 01 schema; nothing is fetched). */
  public static final String SCHEMA_URI =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  /** The base id every location is relative to. */
  public static final String SOURCE_ROOT_ID = "%SRCROOT%";

  private static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(".git", "target", "build", "node_modules", ".idea", ".gradle", ".mvn");

  private static final List<Rule> RULES =
      List.of(
          new Rule("leakgate/leak", "OpenTelemetryComponentLeak", Status.LEAK, "error",
              "OpenTelemetry component created per request and never shut down",
              "Live components keep growing with requests: each owns a worker thread, so the process"
                  + " runs out of threads or memory."),
          new Rule("leakgate/bounded", "OpenTelemetryComponentPerThread", Status.BOUNDED, "warning",
              "OpenTelemetry component created per thread or per call, growth capped",
              "Components pile up until a bound (such as a pool size) and then stay: wasteful and"
                  + " one configuration change away from a leak."),
          new Rule("leakgate/churn", "OpenTelemetryComponentChurn", Status.CHURN, "note",
              "OpenTelemetry component created and shut down on every request",
              "Components are shut down, so nothing leaks, but every request pays for building"
                  + " exporters and starting threads."),
          new Rule("leakgate/live", "OpenTelemetryComponentLiveAtExit", null, "note",
              "OpenTelemetry component still live when the report was written",
              "The report has no verdict (no growth was measured); these sites still had live"
                  + " components."));

  private final Path sourceRoot;

  /** Creates a renderer that guesses paths from class names. */
  public SarifRenderer() {
    this(null);
  }

  /** Creates a renderer that looks source files up under {@code sourceRoot} (null to guess). */
  public SarifRenderer(Path sourceRoot) {
    this.sourceRoot = sourceRoot == null ? null : sourceRoot.toAbsolutePath().normalize();
  }

  /** Returns the SARIF log for {@code report} as JSON. */
  public String render(Report report) {
    return render(report, null);
  }

  /**
   * Returns the SARIF log for {@code report} as JSON; a culprit site behind a failure of {@code gate}
   * (null: no gate) is at level {@code error} whatever its rule's default, and its message says why.
   */
  public String render(Report report, GateResult gate) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode log = mapper.createObjectNode();
    log.put("$schema", SCHEMA_URI);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "LeakGate");
    driver.put("semanticVersion", "0.1.0");
    ArrayNode rules = driver.putArray("rules");
    for (Rule rule : RULES) {
      ObjectNode node = rules.addObject();
      node.put("id", rule.id());
      node.put("name", rule.name());
      node.putObject("shortDescription").put("text", rule.shortText());
      node.putObject("fullDescription").put("text", rule.fullText());
      node.putObject("help").put("text", "Build thread-owning components (telemetry, pools, timers, clients) once at"
          + " start-up, or shut down what you build.");
      node.putObject("defaultConfiguration").put("level", rule.level());
    }
    if (sourceRoot != null) {
      run.putObject("originalUriBaseIds").putObject(SOURCE_ROOT_ID).put("uri", directoryUri(sourceRoot));
    }
    ArrayNode results = run.putArray("results");
    Map<String, String> found = sourceRoot == null ? Map.of() : index(report);
    Verdict verdict = report.verdict();
    List<Site> sites =
        verdict == null
            ? report.sites().stream().filter(site -> site.live() > 0).toList()
            : report.culprits();
    for (Site site : sites) {
      Status status = verdict == null ? null : statusOf(verdict, site.kind());
      if (verdict != null && status == Status.CLEAN) {
        continue;
      }
      int ruleIndex = ruleIndex(status);
      Rule rule = RULES.get(ruleIndex);
      GateFailure failure = failureAt(gate, site);
      ObjectNode result = results.addObject();
      result.put("ruleId", rule.id());
      result.put("ruleIndex", ruleIndex);
      result.put("level", failure == null ? rule.level() : "error");
      result.putObject("message").put("text", message(site, status, verdict, failure));
      String path = path(site, found);
      if (path != null) {
        ObjectNode location = result.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", path);
        artifact.put("uriBaseId", SOURCE_ROOT_ID);
        if (site.hasLine()) {
          physical.putObject("region").put("startLine", site.line());
        }
        if (site.className() != null && site.method() != null) {
          location.putArray("logicalLocations").addObject()
              .put("fullyQualifiedName", ReportText.wellFormed(site.className() + "." + site.method()))
              .put("kind", "function");
        }
      }
      // stable across runs, so code scanning tracks one alert per site
      result.putObject("partialFingerprints").put("leakgateSite/v1", ReportText.wellFormed(site.kind() + "|" + site.site()));
      ObjectNode properties = result.putObject("properties");
      properties.put("kind", ReportText.wellFormed(site.kind()));
      properties.put("site", ReportText.wellFormed(site.site()));
      properties.put("created", site.created());
      properties.put("shutdown", site.shutdown());
      properties.put("live", site.live());
      properties.put("liveThreads", site.liveThreads());
      ArrayNode stack = properties.putArray("stack");
      site.stack().forEach(frame -> stack.add(ReportText.wellFormed(frame)));
    }
    try {
      return mapper.writeValueAsString(log);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write SARIF", e);
    }
  }

  /** Writes the SARIF log for {@code report} to {@code file}. */
  public void write(Report report, Path file) throws IOException {
    write(report, null, file);
  }

  /** Writes the SARIF log for {@code report}, gated by {@code gate} (may be null), to {@code file}. */
  public void write(Report report, GateResult gate, Path file) throws IOException {
    Files.writeString(file, render(report, gate) + "\n", StandardCharsets.UTF_8);
  }

  /** The gate failure that names {@code site} among its culprits, or null. */
  private static GateFailure failureAt(GateResult gate, Site site) {
    if (gate == null) {
      return null;
    }
    for (GateFailure failure : gate.failures()) {
      for (Site culprit : failure.culprits()) {
        if (culprit.kind().equals(site.kind()) && culprit.site().equals(site.site())) {
          return failure;
        }
      }
    }
    return null;
  }

  private static Status statusOf(Verdict verdict, String kind) {
    Status status = verdict.statusOf(kind);
    return status == null ? verdict.status() : status;
  }

  private static int ruleIndex(Status status) {
    for (int i = 0; i < RULES.size(); i++) {
      if (RULES.get(i).status() == status) {
        return i;
      }
    }
    return RULES.size() - 1;
  }

  private static String message(Site site, Status status, Verdict verdict, GateFailure failure) {
    StringBuilder text = new StringBuilder();
    text.append(ReportText.line(site.kind())).append(" created here ").append(times(site.created())).append(", ")
        .append(site.live()).append(" still live");
    if (status != null) {
      KindVerdict kind = verdict.byKind().get(site.kind());
      text.append(" (").append(status);
      if (kind != null) {
        text.append(String.format(Locale.ROOT, ": %.2f live per request for this kind", kind.perRequest()));
      }
      text.append(')');
    }
    if (failure != null) {
      text.append("; failed the gate, ").append(ReportText.line(failure.type())).append(": ")
          .append(ReportText.line(failure.message()));
    }
    String advice = Kinds.advice(site.kind());
    return text.append(". ").append(Character.toUpperCase(advice.charAt(0))).append(advice.substring(1)).append('.').toString();
  }

  /** "once", "twice", "3 times". */
  static String times(long n) {
    return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
  }

  /** Returns the path relative to the source root, found or guessed; null when the site is unknown. */
  private String path(Site site, Map<String, String> found) {
    String relative = packagePath(site);
    if (relative == null) {
      return null;
    }
    return encode(ReportText.wellFormed(found.getOrDefault(relative, relative)));
  }

  /** {@code com.acme.AgentFactory$Inner} in {@code AgentFactory.java} gives {@code com/acme/AgentFactory.java}. */
  static String packagePath(Site site) {
    String className = site.className();
    String file = site.file();
    if (className == null) {
      int paren = site.site().indexOf('(');
      String qualified = paren < 0 ? site.site() : site.site().substring(0, paren);
      int method = qualified.lastIndexOf('.');
      if (method <= 0) {
        return null;
      }
      className = qualified.substring(0, method);
      if (file == null && paren >= 0) {
        String inside = site.site().substring(paren + 1, site.site().length() - 1);
        int colon = inside.indexOf(':');
        file = colon < 0 ? inside : inside.substring(0, colon);
      }
    }
    int dot = className.lastIndexOf('.');
    String packageName = dot < 0 ? "" : className.substring(0, dot);
    String simple = dot < 0 ? className : className.substring(dot + 1);
    int dollar = simple.indexOf('$');
    if (dollar > 0) {
      simple = simple.substring(0, dollar);
    }
    if (file == null || file.isBlank() || file.contains("/") || file.contains("\\")) {
      file = simple + ".java";
    }
    return packageName.isEmpty() ? file : packageName.replace('.', '/') + "/" + file;
  }

  /** Finds each site's file under the source root with one walk of the tree. */
  private Map<String, String> index(Report report) {
    Map<String, List<String>> wanted = new HashMap<>();
    for (Site site : report.sites()) {
      String relative = packagePath(site);
      if (relative != null) {
        wanted.computeIfAbsent(relative, key -> new ArrayList<>());
      }
    }
    if (wanted.isEmpty() || !Files.isDirectory(sourceRoot)) {
      return Map.of();
    }
    try {
      Files.walkFileTree(
          sourceRoot,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              return !dir.equals(sourceRoot) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              String relative = sourceRoot.relativize(file).toString().replace('\\', '/');
              for (Map.Entry<String, List<String>> entry : wanted.entrySet()) {
                if (relative.equals(entry.getKey()) || relative.endsWith("/" + entry.getKey())) {
                  entry.getValue().add(relative);
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search " + sourceRoot, e);
    }
    Map<String, String> found = new HashMap<>();
    wanted.forEach(
        (relative, candidates) ->
            candidates.stream()
                .min(Comparator.comparingInt(SarifRenderer::preference).thenComparingInt(String::length))
                .ifPresent(best -> found.put(relative, best)));
    return found;
  }

  private static int preference(String path) {
    if (path.startsWith("src/main/java/") || path.contains("/src/main/java/")) {
      return 0;
    }
    if (path.startsWith("src/test/java/") || path.contains("/src/test/java/")) {
      return 1;
    }
    return 2;
  }

  /** Percent-encodes what a relative URI may not hold (spaces, {@code <}, ...); null when no URI can hold it. */
  private static String encode(String relative) {
    try {
      return new URI(null, null, relative, null).getRawPath();
    } catch (URISyntaxException e) {
      // a hostile site string ("..[x.Y") gives a path no URI holds: the result keeps no location
      return null;
    }
  }

  private static String directoryUri(Path directory) {
    String uri = directory.toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  @Override
  public String toString() {
    return "SarifRenderer{sourceRoot=" + sourceRoot + "}";
  }

  private record Rule(String id, String name, Status status, String level, String shortText, String fullText) {}
}
