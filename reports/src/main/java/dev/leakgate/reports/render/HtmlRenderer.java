package dev.leakgate.reports.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.leakgate.reports.model.ComponentThread;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Instance;
import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.gate.GateFailure;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.ListedInstances;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.ScopeSummary;
import dev.leakgate.reports.model.Sample;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a report as one self-contained HTML file: the gate's result when a gate wrote it (every
 * rule broken, with kind, count and line), the verdict per kind, an SVG chart of live components
 * against requests per kind, and the culprit table with expandable stacks. Where the instance lists
 * hold other numbers than the counts, the page says why on the spot. Sites and scope names wrap
 * only after a {@code .}, {@code (} or {@code /}; kinds and thread names never wrap (a wide table scrolls).
 *
 * <p>The page has no script and loads nothing (its Content-Security-Policy forbids it). Every
 * string from the observed application goes through Mustache's {@code {{x}}}, which escapes HTML,
 * and never into a {@code <script>} or {@code <style>} element.
 */
public final class HtmlRenderer {

  /** How many instances the page lists; the report may hold up to 1000. */
  public static final int MAX_INSTANCES_SHOWN = 200;

  private static final Mustache TEMPLATE =
      new DefaultMustacheFactory("dev/leakgate/reports/render").compile("report.html.mustache");

  // chart geometry, in SVG user units
  private static final int WIDTH = 720;
  private static final int HEIGHT = 320;
  private static final int LEFT = 64;
  private static final int RIGHT = WIDTH - 20;
  private static final int TOP = 16;
  private static final int BOTTOM = HEIGHT - 44;
  private static final int TICKS = 5;
  // colours, dash patterns and marker shapes: kinds drawn on top of each other stay distinguishable
  private static final int STYLES = 8;
  private static final int LEGEND_ROW = 18;
  private static final int LEGEND_SWATCH = 36;
  // the legend's 12px text is at most this wide per character, in SVG user units
  private static final double LEGEND_CHAR_WIDTH = 7.2;

  // unit marker shapes after the circle: strokes of x,y pairs (square, triangle, diamond, plus,
  // cross, triangle down, star)
  private static final double[][][] MARKER_SHAPES = {
    {},
    {{-1, -1, 1, -1, 1, 1, -1, 1, -1, -1}},
    {{0, -1, 1, 1, -1, 1, 0, -1}},
    {{0, -1, 1, 0, 0, 1, -1, 0, 0, -1}},
    {{-1, 0, 1, 0}, {0, -1, 0, 1}},
    {{-1, -1, 1, 1}, {1, -1, -1, 1}},
    {{0, 1, 1, -1, -1, -1, 0, 1}},
    {{-1, 0, 1, 0}, {0, -1, 0, 1}, {-1, -1, 1, 1}, {1, -1, -1, 1}},
  };

  /** Returns the HTML page for {@code report}. */
  public String render(Report report) {
    return render(report, null);
  }

  /** Returns the HTML page for {@code report}, led by the result of the gate that checked it (null: none). */
  public String render(Report report, GateResult gate) {
    StringWriter out = new StringWriter();
    TEMPLATE.execute(out, view(report, gate));
    return out.toString();
  }

  /** Writes the HTML page for {@code report} to {@code file}. */
  public void write(Report report, Path file) throws IOException {
    write(report, null, file);
  }

  /** Writes the HTML page for {@code report}, led by {@code gate}'s result (null: none), to {@code file}. */
  public void write(Report report, GateResult gate, Path file) throws IOException {
    Files.writeString(file, render(report, gate), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> view(Report report, GateResult gate) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("gate", gate == null ? null : gate(gate));
    view.put("generatedAt", ReportText.line(report.generatedAt()));
    view.put("tool", report.source() == null ? null : text(report.source().tool()));
    view.put("label", report.source() == null ? null : text(report.source().label()));
    view.put("pid", report.source() == null ? null : report.source().pid());
    view.put("agentVersion", report.source() == null ? null : text(report.source().agentVersion()));
    Verdict verdict = report.verdict();
    if (verdict != null) {
      view.put(
          "verdict",
          Map.of(
              "status", verdict.status().name(),
              "rate", verdict.rateText(),
              "requests", verdict.requests(),
              "warmup", verdict.warmup()));
      if (verdict.status() != dev.leakgate.reports.model.Status.CLEAN) {
        view.put("failing", advice(verdict));
      }
    }
    view.put("noComponentSeen", report.noComponentSeen());
    view.put("kinds", kinds(report));
    List<String> early = new ArrayList<>();
    report.builtBeforeStart().forEach((kind, created) -> early.add(created + " " + kind));
    view.put("builtBeforeStart", early.isEmpty() ? null : ReportText.line(String.join(", ", early)));
    view.put("chart", chart(report));
    List<Site> sites =
        verdict == null
            ? report.sites().stream().filter(site -> site.live() > 0).toList()
            : report.culprits();
    view.put("sitesTitle", verdict == null ? "Sites with live components" : "Culprit sites");
    view.put("hasSites", !sites.isEmpty());
    view.put("sites", sitesByLine(sites));
    view.put("hasProcessWide", !report.processWide().isEmpty());
    view.put("processWideCount", report.processWide().size());
    view.put("processWide", report.processWide().stream().limit(MAX_INSTANCES_SHOWN).map(HtmlRenderer::processWide).toList());
    List<ScopeSummary> scopes = ScopeSummary.of(report);
    view.put("hasScopes", !scopes.isEmpty());
    view.put("scopeCount", scopes.size());
    view.put("scopes", scopes.stream().limit(MAX_INSTANCES_SHOWN).map(HtmlRenderer::scope).toList());
    List<String> differences = ListedInstances.differences(report).stream().map(ReportText::line).toList();
    view.put("listDifferences", differences);
    long outside = ListedInstances.outsideScopes(report);
    view.put("outsideScopes", outside == 0 ? null : outside + (outside == 1 ? " listed instance was" : " listed instances were")
        + " built outside every scope (at start-up, in a static initialiser): in the list below, not here.");
    List<Instance> instances = report.instances();
    view.put("hasInstances", !instances.isEmpty());
    view.put("instanceCount", instances.size());
    view.put("instancesShown", instances.size() > MAX_INSTANCES_SHOWN ? "first " + MAX_INSTANCES_SHOWN + " shown" : null);
    view.put(
        "instances",
        instances.stream().limit(MAX_INSTANCES_SHOWN).map(HtmlRenderer::instance).toList());
    view.put("hasPreExisting", !report.preExistingThreads().isEmpty());
    view.put(
        "preExistingThreads",
        report.preExistingThreads().stream().map(HtmlRenderer::thread).toList());
    return view;
  }

  /** What to do about the kinds that are not CLEAN, each kind's advice once (the telemetry advice without per-kind detail). */
  private static String advice(Verdict verdict) {
    java.util.Set<String> advice = new java.util.LinkedHashSet<>();
    verdict.byKind().forEach((kind, v) -> {
      if (v.status() != dev.leakgate.reports.model.Status.CLEAN) {
        advice.add(dev.leakgate.reports.model.Kinds.advice(kind));
      }
    });
    return advice.isEmpty() ? Gate.HINT : String.join("; ", advice);
  }

  /** The gate's result: passed or failed, each rule broken with its kind, message and first culprit line. */
  private static Map<String, Object> gate(GateResult gate) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("status", gate.passed() ? "PASSED" : "FAILED");
    view.put("summary", gate.passed() ? "no rule broken" : gate.failures().size()
        + (gate.failures().size() == 1 ? " rule broken" : " rules broken") + ": " + Gate.hint(gate.failures()));
    List<Map<String, Object>> failures = new ArrayList<>();
    for (GateFailure failure : gate.failures()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("type", ReportText.line(failure.type()));
      row.put("kind", failure.kind() == null ? "" : ReportText.line(failure.kind()));
      row.put("message", ReportText.line(failure.message()));
      row.put("sites", failure.culprits().stream().map(site -> nameParts(site.site())).toList());
      failures.add(row);
    }
    view.put("failures", failures);
    view.put("hasFailures", !failures.isEmpty());
    view.put("notes", gate.notes().stream().map(ReportText::line).toList());
    return view;
  }

  /**
   * A site or scope name cut after each {@code .}, {@code (} and {@code /}: the page may wrap a long
   * name there and nowhere else (each part is escaped text; the breaks between them are the template's).
   */
  static Map<String, Object> nameParts(String name) {
    String text = ReportText.line(name);
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == '(' || c == '/') && i + 1 < text.length()) {
        parts.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return Map.of("parts", parts);
  }

  private static List<Map<String, Object>> kinds(Report report) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Verdict verdict = report.verdict();
    for (String kind : report.kinds()) {
      Counts counts = report.components().getOrDefault(kind, Counts.ZERO);
      KindVerdict kindVerdict = verdict == null ? null : verdict.byKind().get(kind);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", ReportText.line(kind));
      row.put("status", kindVerdict == null ? "-" : kindVerdict.status().name());
      row.put("statusClass", kindVerdict == null ? "NONE" : kindVerdict.status().name());
      row.put("perRequest", kindVerdict == null ? "-" : ConsoleRenderer.number(kindVerdict.perRequest()));
      row.put(
          "createdPerRequest",
          kindVerdict == null ? "-" : ConsoleRenderer.number(kindVerdict.createdPerRequest()));
      row.put("created", counts.created());
      row.put("shutdown", counts.shutdown());
      row.put("live", counts.live());
      row.put("liveThreads", counts.liveThreads());
      row.put("draining", counts.draining());
      rows.add(row);
    }
    return rows;
  }

  /**
   * One row per creating line (site string) with the kinds it creates: most live first, then most
   * created, then by site string (kinds likewise, then by name), so ties keep one order in every run.
   */
  private static List<Map<String, Object>> sitesByLine(List<Site> sites) {
    Map<String, List<Site>> byLine = new LinkedHashMap<>();
    for (Site site : sites) {
      byLine.computeIfAbsent(site.site(), line -> new ArrayList<>()).add(site);
    }
    List<Site> totals = new ArrayList<>();
    for (List<Site> kinds : byLine.values()) {
      kinds.sort(Site.MOST_LIVE_FIRST.thenComparing(Site::kind));
      totals.add(total(kinds));
    }
    totals.sort(Site.MOST_LIVE_FIRST.thenComparing(Site::site));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Site total : totals) {
      List<Site> kinds = byLine.get(total.site());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("site", nameParts(total.site()));
      row.put("kinds", kinds.stream().map(HtmlRenderer::kindAtSite).toList());
      row.put("stack", total.stack().stream().map(ReportText::line).toList());
      row.put("stackSize", total.stack().size());
      row.put("created", total.created());
      row.put("shutdown", total.shutdown());
      row.put("live", total.live());
      row.put("liveThreads", total.liveThreads());
      row.put("threads", distinctText(total.threads()));
      row.put("scopes", total.scopes().stream().distinct().map(HtmlRenderer::nameParts).toList());
      rows.add(row);
    }
    return rows;
  }

  /** The counts of every kind created at one line, summed; stack of the worst kind, names unioned. */
  private static Site total(List<Site> kinds) {
    Site first = kinds.get(0);
    return new Site(
        first.kind(), first.site(), first.className(), first.method(), first.file(), first.line(),
        kinds.stream().mapToLong(Site::created).sum(),
        kinds.stream().mapToLong(Site::shutdown).sum(),
        kinds.stream().mapToLong(Site::live).sum(),
        kinds.stream().mapToLong(Site::liveThreads).sum(),
        first.stack(),
        kinds.stream().flatMap(site -> site.scopes().stream()).distinct().toList(),
        kinds.stream().flatMap(site -> site.threads().stream()).distinct().toList());
  }

  private static Map<String, Object> processWide(Site site) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("site", nameParts(site.site()));
    row.put("kind", ReportText.line(site.kind()));
    row.put("reason", ConsoleRenderer.whyProcessWide(site.reason()));
    row.put("created", site.created());
    row.put("live", site.live());
    row.put("liveThreads", site.liveThreads());
    return row;
  }

  private static Map<String, Object> kindAtSite(Site site) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", ReportText.line(site.kind()));
    row.put("created", site.created());
    row.put("live", site.live());
    return row;
  }

  private static List<String> distinctText(List<String> names) {
    return names.stream().map(ReportText::line).distinct().toList();
  }

  private static String text(String value) {
    return value == null ? null : ReportText.line(value);
  }

  private static Map<String, Object> scope(ScopeSummary scope) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("scope", nameParts(scope.scope()));
    row.put("kinds", text(scope.kindsText()));
    row.put("threads", distinctText(scope.threads()));
    row.put("sites", scope.sites().stream().distinct().map(HtmlRenderer::nameParts).toList());
    return row;
  }

  private static Map<String, Object> instance(Instance instance) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", instance.id());
    row.put("kind", ReportText.line(instance.kind()));
    // empty strings, not nulls: a null would make Mustache look the name up in outer scopes
    row.put("thread", instance.thread() == null ? "" : ReportText.line(instance.thread()));
    row.put("scope", instance.scope() == null ? List.of() : List.of(nameParts(instance.scope())));
    row.put("createdAt", instance.createdAt() == null ? "" : ReportText.line(instance.createdAt()));
    row.put("threads", instance.threads().stream().map(HtmlRenderer::thread).toList());
    return row;
  }

  private static Map<String, Object> thread(ComponentThread thread) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", ReportText.line(thread.name()));
    row.put("kind", thread.kind() == null ? "" : ReportText.line(thread.kind()));
    row.put("alive", thread.alive());
    return row;
  }

  /**
   * Builds the chart's geometry here so the template only places numbers and escaped names. Each
   * kind gets its own colour, dash pattern, marker shape and width, and a legend entry inside the
   * chart, so kinds whose lines lie on top of each other are all still seen.
   */
  private static Map<String, Object> chart(Report report) {
    List<Sample> samples = report.samples();
    if (samples.isEmpty()) {
      return null;
    }
    List<Sample> ordered = new ArrayList<>(samples);
    ordered.sort(Comparator.comparingLong(Sample::requests));
    // the report's order of kinds (as in the table above), then any others by name
    Set<String> sampled = new TreeSet<>();
    ordered.forEach(sample -> sampled.addAll(sample.live().keySet()));
    Set<String> kinds = new LinkedHashSet<>(report.kinds());
    kinds.retainAll(sampled);
    kinds.addAll(sampled);
    long maxRequests = 1;
    long maxLive = 1;
    for (Sample sample : ordered) {
      maxRequests = Math.max(maxRequests, sample.requests());
      for (long live : sample.live().values()) {
        maxLive = Math.max(maxLive, live);
      }
    }
    long yStep = niceStep(maxLive);
    long yMax = yStep * TICKS;
    while (yMax - yStep >= maxLive && yMax > yStep) {
      yMax -= yStep;
    }
    long xStep = niceStep(maxRequests);
    long xMax = xStep * TICKS;
    while (xMax - xStep >= maxRequests && xMax > xStep) {
      xMax -= xStep;
    }
    // two legend columns when every name fits in one, else one; a longer name is cut, its title whole
    int columns = kinds.stream().allMatch(kind -> kind.length() <= legendChars(2)) ? 2 : 1;
    int legendRows = (kinds.size() + columns - 1) / columns;
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("width", WIDTH);
    chart.put("height", HEIGHT + legendRows * LEGEND_ROW);
    chart.put("left", LEFT);
    chart.put("right", RIGHT);
    chart.put("top", TOP);
    chart.put("bottom", BOTTOM);
    chart.put("middleX", (LEFT + RIGHT) / 2);
    chart.put("middleY", (TOP + BOTTOM) / 2);
    chart.put("xTitleY", HEIGHT - 6);
    List<Map<String, Object>> yTicks = new ArrayList<>();
    for (long value = 0; value <= yMax; value += yStep) {
      double y = y(value, yMax);
      yTicks.add(
          Map.of(
              "x1", LEFT, "x2", RIGHT, "y", coordinate(y),
              "labelX", LEFT - 6, "labelY", coordinate(y + 4), "label", value));
    }
    chart.put("yTicks", yTicks);
    List<Map<String, Object>> xTicks = new ArrayList<>();
    for (long value = 0; value <= xMax; value += xStep) {
      xTicks.add(Map.of("x", coordinate(x(value, xMax)), "labelY", BOTTOM + 16, "label", value));
    }
    chart.put("xTicks", xTicks);
    List<Map<String, Object>> series = new ArrayList<>();
    int index = 0;
    for (String kind : kinds) {
      int style = index % STYLES;
      StringBuilder points = new StringBuilder();
      StringBuilder markers = new StringBuilder();
      for (Sample sample : ordered) {
        double x = x(sample.requests(), xMax);
        double y = y(sample.liveOf(kind), yMax);
        if (points.length() > 0) {
          points.append(' ');
        }
        points.append(coordinate(x)).append(',').append(coordinate(y));
        marker(markers, style, x, y);
      }
      int column = index % columns;
      int row = index / columns;
      double legendX = LEFT + column * (RIGHT - LEFT) / (double) columns;
      double legendY = HEIGHT + row * LEGEND_ROW + LEGEND_ROW / 2.0;
      StringBuilder legendMarker = new StringBuilder();
      marker(legendMarker, style, legendX + 14, legendY);
      Map<String, Object> line = new LinkedHashMap<>();
      String name = ReportText.line(kind);
      line.put("kind", name);
      line.put("legendText", name.length() <= legendChars(columns) ? name : name.substring(0, legendChars(columns) - 1) + "\u2026");
      line.put("style", style);
      // drawn first, drawn widest: a series hidden under a later one still shows at its edges
      line.put("width", coordinate(2 + 0.75 * (kinds.size() - 1 - index)));
      line.put("points", points.toString());
      line.put("markers", markers.toString().trim());
      line.put("legendX1", coordinate(legendX));
      line.put("legendX2", coordinate(legendX + 28));
      line.put("legendY", coordinate(legendY));
      line.put("legendMarker", legendMarker.toString().trim());
      line.put("legendTextX", coordinate(legendX + LEGEND_SWATCH));
      line.put("legendTextY", coordinate(legendY + 4));
      series.add(line);
      index++;
    }
    chart.put("series", series);
    return chart;
  }

  /** Appends marker {@code style} at (x, y) as SVG path data: a circle or one of {@link #MARKER_SHAPES}. */
  private static void marker(StringBuilder path, int style, double x, double y) {
    // each style a different size too, so markers on the same point nest instead of hiding
    double r = 5.5 - 0.4 * style;
    if (style == 0) {
      String radius = coordinate(r);
      path.append(" M").append(coordinate(x - r)).append(',').append(coordinate(y))
          .append(" a").append(radius).append(',').append(radius).append(" 0 1 0 ").append(coordinate(2 * r)).append(",0")
          .append(" a").append(radius).append(',').append(radius).append(" 0 1 0 ").append(coordinate(-2 * r)).append(",0");
      return;
    }
    for (double[] stroke : MARKER_SHAPES[style]) {
      for (int i = 0; i < stroke.length; i += 2) {
        path.append(i == 0 ? " M" : " L")
            .append(coordinate(x + r * stroke[i])).append(',').append(coordinate(y + r * stroke[i + 1]));
      }
    }
  }

  /** How many characters of a kind's name fit in one of {@code columns} legend columns. */
  private static int legendChars(int columns) {
    return (int) (((RIGHT - LEFT) / (double) columns - LEGEND_SWATCH - 8) / LEGEND_CHAR_WIDTH);
  }

  private static double x(long requests, long xMax) {
    return LEFT + (RIGHT - LEFT) * (double) requests / xMax;
  }

  private static double y(long live, long yMax) {
    return BOTTOM - (BOTTOM - TOP) * (double) live / yMax;
  }

  private static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** A step of 1, 2 or 5 times a power of ten that covers {@code max} in {@value #TICKS} ticks. */
  static long niceStep(long max) {
    long raw = Math.max(1, (max + TICKS - 1) / TICKS);
    long power = 1;
    while (power * 10 <= raw) {
      power *= 10;
    }
    for (long factor : new long[] {1, 2, 5, 10}) {
      if (factor * power >= raw) {
        return factor * power;
      }
    }
    return 10 * power;
  }

  @Override
  public String toString() {
    return "HtmlRenderer";
  }
}
