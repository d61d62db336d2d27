package dev.leakgate.reports.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.leakgate.reports.model.ComponentThread;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Instance;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Report;
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

/**
 * Renders a report as one self-contained HTML file: verdict per kind, an SVG chart of live
 * components against requests per kind, and the culprit table with expandable stacks.
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
  private static final int COLOURS = 8;

  /** Returns the HTML page for {@code report}. */
  public String render(Report report) {
    StringWriter out = new StringWriter();
    TEMPLATE.execute(out, view(report));
    return out.toString();
  }

  /** Writes the HTML page for {@code report} to {@code file}. */
  public void write(Report report, Path file) throws IOException {
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> view(Report report) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("generatedAt", report.generatedAt());
    view.put("tool", report.source() == null ? null : report.source().tool());
    view.put("label", report.source() == null ? null : report.source().label());
    view.put("pid", report.source() == null ? null : report.source().pid());
    view.put("agentVersion", report.source() == null ? null : report.source().agentVersion());
    Verdict verdict = report.verdict();
    if (verdict != null) {
      view.put(
          "verdict",
          Map.of(
              "status", verdict.status().name(),
              "perRequest", ConsoleRenderer.number(verdict.perRequest()),
              "requests", verdict.requests(),
              "warmup", verdict.warmup()));
      view.put("failing", verdict.status() != dev.leakgate.reports.model.Status.CLEAN);
    }
    view.put("kinds", kinds(report));
    view.put("chart", chart(report.samples()));
    List<Site> sites =
        verdict == null
            ? report.sites().stream().filter(site -> site.live() > 0).toList()
            : report.culprits();
    view.put("sitesTitle", verdict == null ? "Sites with live components" : "Culprit sites");
    view.put("hasSites", !sites.isEmpty());
    view.put("sites", sites.stream().map(HtmlRenderer::site).toList());
    List<Instance> instances = report.instances();
    view.put("hasInstances", !instances.isEmpty());
    view.put("instanceCount", instances.size());
    view.put(
        "instances",
        instances.stream().limit(MAX_INSTANCES_SHOWN).map(HtmlRenderer::instance).toList());
    view.put("hasPreExisting", !report.preExistingThreads().isEmpty());
    view.put(
        "preExistingThreads",
        report.preExistingThreads().stream().map(HtmlRenderer::thread).toList());
    return view;
  }

  private static List<Map<String, Object>> kinds(Report report) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Verdict verdict = report.verdict();
    for (String kind : report.kinds()) {
      Counts counts = report.components().getOrDefault(kind, Counts.ZERO);
      KindVerdict kindVerdict = verdict == null ? null : verdict.byKind().get(kind);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", kind);
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

  private static Map<String, Object> site(Site site) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", site.kind());
    row.put("site", site.site());
    row.put("stack", site.stack());
    row.put("stackSize", site.stack().size());
    row.put("created", site.created());
    row.put("shutdown", site.shutdown());
    row.put("live", site.live());
    row.put("liveThreads", site.liveThreads());
    row.put("threads", site.threads());
    row.put("scopes", site.scopes());
    return row;
  }

  private static Map<String, Object> instance(Instance instance) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", instance.id());
    row.put("kind", instance.kind());
    // empty strings, not nulls: a null would make Mustache look the name up in outer scopes
    row.put("thread", instance.thread() == null ? "" : instance.thread());
    row.put("scope", instance.scope() == null ? "" : instance.scope());
    row.put("createdAt", instance.createdAt() == null ? "" : instance.createdAt());
    row.put("threads", instance.threads().stream().map(HtmlRenderer::thread).toList());
    return row;
  }

  private static Map<String, Object> thread(ComponentThread thread) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", thread.name());
    row.put("kind", thread.kind() == null ? "" : thread.kind());
    row.put("alive", thread.alive());
    return row;
  }

  /** Builds the chart's geometry here so the template only places numbers and escaped names. */
  private static Map<String, Object> chart(List<Sample> samples) {
    if (samples.isEmpty()) {
      return null;
    }
    List<Sample> ordered = new ArrayList<>(samples);
    ordered.sort(Comparator.comparingLong(Sample::requests));
    Set<String> kinds = new LinkedHashSet<>();
    long maxRequests = 1;
    long maxLive = 1;
    for (Sample sample : ordered) {
      kinds.addAll(sample.live().keySet());
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
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("width", WIDTH);
    chart.put("height", HEIGHT);
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
      StringBuilder points = new StringBuilder();
      for (Sample sample : ordered) {
        if (points.length() > 0) {
          points.append(' ');
        }
        points
            .append(coordinate(x(sample.requests(), xMax)))
            .append(',')
            .append(coordinate(y(sample.liveOf(kind), yMax)));
      }
      series.add(Map.of("kind", kind, "index", index++ % COLOURS, "points", points.toString()));
    }
    chart.put("series", series);
    return chart;
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
