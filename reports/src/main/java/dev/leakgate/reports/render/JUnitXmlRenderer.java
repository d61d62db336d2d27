package dev.leakgate.reports.render;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.gate.GateFailure;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Site;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders gate results as JUnit XML: one test case per kind and per report (probe), classname
 * {@code leakgate.<label or 'report'>}, failing exactly when the gate failed that kind.
 *
 * <p>Every string from a report goes through {@link ReportText#line}: the XML holds no character
 * XML 1.0 forbids, and a hostile kind or site cannot add lines to a failure's text.
 */
public final class JUnitXmlRenderer {

  /** The test case name for failures that concern no single kind. */
  public static final String REPORT_CASE = "verdict";

  /** Returns the JUnit XML for one gated report. */
  public String render(GateResult result) {
    return render(List.of(result));
  }

  /** Returns the JUnit XML for several gated reports (one per probe or shard). */
  public String render(List<GateResult> results) {
    List<TestCase> cases = new ArrayList<>();
    for (GateResult result : results) {
      cases.addAll(cases(result));
    }
    long failures = cases.stream().filter(testCase -> !testCase.failures().isEmpty()).count();
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "leakgate");
      xml.writeAttribute("tests", Integer.toString(cases.size()));
      xml.writeAttribute("failures", Long.toString(failures));
      xml.writeAttribute("errors", "0");
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "leakgate");
      xml.writeAttribute("tests", Integer.toString(cases.size()));
      xml.writeAttribute("failures", Long.toString(failures));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("time", "0");
      for (TestCase testCase : cases) {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", testCase.className());
        xml.writeAttribute("name", testCase.name());
        xml.writeAttribute("time", "0");
        if (!testCase.failures().isEmpty()) {
          xml.writeCharacters("\n      ");
          xml.writeStartElement("failure");
          xml.writeAttribute(
              "message",
              testCase.failures().stream()
                  .map(failure -> ReportText.line(failure.message()))
                  .collect(Collectors.joining("; ")));
          xml.writeAttribute("type", testCase.failures().get(0).type());
          xml.writeCharacters(failureText(testCase.failures()));
          xml.writeEndElement();
        }
        xml.writeCharacters("\n      ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(testCase.output());
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return out.toString();
  }

  /** Writes the JUnit XML for several gated reports to {@code file}. */
  public void write(List<GateResult> results, Path file) throws IOException {
    Files.writeString(file, render(results), StandardCharsets.UTF_8);
  }

  private static List<TestCase> cases(GateResult result) {
    Report report = result.report();
    String className = "leakgate." + ReportText.line(report.labelOr("report"));
    List<TestCase> cases = new ArrayList<>();
    Set<String> kinds = new LinkedHashSet<>(report.kinds());
    for (String kind : kinds) {
      cases.add(new TestCase(className, ReportText.line(kind), result.failuresOf(kind), output(report, kind)));
    }
    List<GateFailure> rest = result.reportFailures();
    if (!rest.isEmpty() || kinds.isEmpty()) {
      cases.add(new TestCase(className, REPORT_CASE, rest, String.join("\n", result.notes())));
    }
    return cases;
  }

  private static String output(Report report, String kind) {
    Counts counts = report.components().getOrDefault(kind, Counts.ZERO);
    KindVerdict verdict = report.verdict() == null ? null : report.verdict().byKind().get(kind);
    return String.format(
        Locale.ROOT,
        "%s: %s, created %d, shutdown %d, live %d, live threads %d%s",
        ReportText.line(kind),
        verdict == null ? "no verdict" : verdict.status(),
        counts.created(),
        counts.shutdown(),
        counts.live(),
        counts.liveThreads(),
        verdict == null ? "" : String.format(Locale.ROOT, ", %.2f live per request", verdict.perRequest()));
  }

  private static String failureText(List<GateFailure> failures) {
    StringBuilder text = new StringBuilder();
    Set<Site> culprits = new LinkedHashSet<>();
    for (GateFailure failure : failures) {
      text.append(ReportText.line(failure.message())).append('\n');
      culprits.addAll(failure.culprits());
    }
    if (!culprits.isEmpty()) {
      text.append("culprit sites:\n");
      for (Site site : culprits) {
        text.append("  at ").append(ReportText.line(site.site())).append(" (").append(site.live()).append(" live, ")
            .append(site.created()).append(" created)\n");
      }
    }
    return text.append(Gate.hint(failures)).append('\n').toString();
  }

  @Override
  public String toString() {
    return "JUnitXmlRenderer";
  }

  private record TestCase(String className, String name, List<GateFailure> failures, String output) {}
}
