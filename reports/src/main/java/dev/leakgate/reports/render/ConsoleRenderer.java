package dev.leakgate.reports.render;

import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.ScopeSummary;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a report as a plain-text table (no colours): status, kind, per request, created,
 * shutdown, live, live threads; then the top culprit sites.
 *
 * <p>Every string from the report goes through {@link ReportText#line} and follows fixed text on
 * its line (the status leads each row), so a hostile kind or site cannot forge a line.
 */
public final class ConsoleRenderer {

  /** How many culprit sites the table lists. */
  public static final int TOP_SITES = 10;
  /** How many scopes (requests, tests) the by-scope lines list. */
  public static final int TOP_SCOPES = 8;

  private static final String[] HEADER = {
    "status", "kind", "per request", "created", "shutdown", "live", "live threads"
  };

  /** Returns the table for {@code report}, ending with a newline. */
  public String render(Report report) {
    StringBuilder out = new StringBuilder();
    Verdict verdict = report.verdict();
    out.append("LeakGate report");
    if (report.source() != null && report.source().tool() != null) {
      out.append(" (").append(ReportText.line(report.source().tool()));
      if (report.source().label() != null) {
        out.append(", ").append(ReportText.line(report.source().label()));
      }
      out.append(')');
    }
    if (verdict == null) {
      out.append(": no verdict (counts only)\n");
    } else {
      out.append(": ")
          .append(verdict.status())
          .append(", ")
          .append(number(verdict.perRequest()))
          .append(" live per request over ")
          .append(verdict.requests())
          .append(" requests (warm-up ")
          .append(verdict.warmup())
          .append(")\n");
      if (verdict.lingerMillis() != null) {
        out.append("The last sample waited ")
            .append(verdict.lingerMillis())
            .append(" ms for threads of shut-down components to end.\n");
      }
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (String kind : report.kinds()) {
      Counts counts = report.components().getOrDefault(kind, Counts.ZERO);
      KindVerdict kindVerdict = verdict == null ? null : verdict.byKind().get(kind);
      rows.add(
          new String[] {
            kindVerdict == null ? "-" : kindVerdict.status().name(),
            ReportText.line(kind),
            kindVerdict == null ? "-" : number(kindVerdict.perRequest()),
            Long.toString(counts.created()),
            Long.toString(counts.shutdown()),
            Long.toString(counts.live()),
            Long.toString(counts.liveThreads())
          });
    }
    appendTable(out, rows);
    List<Site> culprits = verdict == null ? liveSites(report) : report.culprits();
    if (!culprits.isEmpty()) {
      out.append(verdict == null ? "Sites with live components:\n" : "Top culprit sites:\n");
      int shown = 0;
      for (Site site : culprits) {
        if (shown++ == TOP_SITES) {
          out.append("  ... and ").append(culprits.size() - TOP_SITES).append(" more\n");
          break;
        }
        out.append(String.format(Locale.ROOT, "  %2d. %-24s live %-6d created %-6d %s%n",
            shown, ReportText.line(site.kind()), site.live(), site.created(), ReportText.line(site.site())));
      }
    }
    appendScopes(out, ScopeSummary.of(report));
    appendProcessWide(out, report.processWide());
    return out.toString();
  }

  /** Process-wide components: listed apart, as no rule counts them. */
  private static void appendProcessWide(StringBuilder out, List<Site> sites) {
    if (sites.isEmpty()) {
      return;
    }
    out.append("Process-wide components (no test's or request's; not counted above):\n");
    int shown = 0;
    for (Site site : sites) {
      if (shown++ == TOP_SITES) {
        out.append("  ... and ").append(sites.size() - TOP_SITES).append(" more\n");
        break;
      }
      out.append(String.format(Locale.ROOT, "  %-24s live %-6d created %-6d %s (%s)%n",
          ReportText.line(site.kind()), site.live(), site.created(), ReportText.line(site.site()),
          whyProcessWide(site.reason())));
    }
  }

  /** Each scope (request, test) with the live components built for it, the threads and lines that built them. */
  private static void appendScopes(StringBuilder out, List<ScopeSummary> scopes) {
    if (scopes.isEmpty()) {
      return;
    }
    out.append("Live components by scope (").append(Math.min(TOP_SCOPES, scopes.size())).append(" of ")
        .append(scopes.size()).append(", first built first; only instances still in memory or running):\n");
    for (ScopeSummary scope : scopes.subList(0, Math.min(TOP_SCOPES, scopes.size()))) {
      out.append("  scope ").append(ReportText.line(scope.scope())).append(": ")
          .append(ReportText.line(scope.kindsText()))
          .append(" built on ").append(ReportText.line(String.join(", ", scope.threads())))
          .append(" at ").append(ReportText.line(scope.sites().get(0)));
      if (scope.sites().size() > 1) {
        out.append(" and ").append(scope.sites().size() - 1).append(" more lines");
      }
      out.append('\n');
    }
  }

  private static List<Site> liveSites(Report report) {
    return report.sites().stream().filter(site -> site.live() > 0).toList();
  }

  private static void appendTable(StringBuilder out, List<String[]> rows) {
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        // text left, numbers right, as people read tables
        boolean left = i < 2;
        String cell = row[i];
        String pad = " ".repeat(widths[i] - cell.length());
        line.append(left ? cell + pad : pad + cell);
        if (i < row.length - 1) {
          line.append("  ");
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /** Why a site is process-wide, in words, from its {@code reason}. */
  static String whyProcessWide(String reason) {
    if ("static-initialiser".equals(reason)) {
      return "built in a static initialiser";
    }
    if ("jdk".equals(reason)) {
      return "built by the JDK for itself";
    }
    if ("test-engine".equals(reason)) {
      return "built by the test engine for itself";
    }
    return ReportText.line(reason);
  }

  static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  @Override
  public String toString() {
    return "ConsoleRenderer";
  }
}
