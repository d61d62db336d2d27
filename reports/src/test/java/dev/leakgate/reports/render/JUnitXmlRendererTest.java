package dev.leakgate.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.gate.GatePolicy;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlRendererTest {

  private final Gate gate = new Gate(GatePolicy.defaults());

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void oneTestCasePerKindFailingWhereTheGateFailed() throws Exception {
    Document xml = parse(new JUnitXmlRenderer().render(gate.check(Fixtures.report("leaky.json"))));

    Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("leakgate");
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    NodeList cases = xml.getElementsByTagName("testcase");
    Element processor = (Element) cases.item(0);
    assertThat(processor.getAttribute("classname")).isEqualTo("leakgate.leaky");
    assertThat(processor.getAttribute("name")).isEqualTo("BatchSpanProcessor");
    Element failure = (Element) processor.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("LEAK");
    assertThat(failure.getAttribute("message")).contains("BatchSpanProcessor is LEAK");
    assertThat(failure.getTextContent())
        .contains("at dev.leakgate.harness.service.Agent.<init>(Agent.java:31)")
        .contains("build telemetry once at start-up; shut down what you build");
    Element sdk = (Element) cases.item(1);
    assertThat(sdk.getAttribute("name")).isEqualTo("OpenTelemetrySdk");
    assertThat(sdk.getElementsByTagName("failure").getLength()).isZero();
  }

  @Test
  void severalReportsGiveOneGroupPerProbeAndAPassingReportHasNoFailures() throws Exception {
    List<GateResult> results =
        List.of(gate.check(Fixtures.report("clean.json")), gate.check(Fixtures.report("agent-exit.json")));

    Document xml = parse(new JUnitXmlRenderer().render(results));

    assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    NodeList cases = xml.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(4);
    assertThat(((Element) cases.item(2)).getAttribute("classname")).isEqualTo("leakgate.report");
  }

  @Test
  void hostileStringsStayWellFormedXml() throws Exception {
    String xml = new JUnitXmlRenderer().render(gate.check(Fixtures.report("hostile.json")));

    Document document = parse(xml);

    Element first = (Element) document.getElementsByTagName("testcase").item(0);
    assertThat(first.getAttribute("classname")).isEqualTo("leakgate.\"><svg onload=alert(3)>");
    assertThat(document.getElementsByTagName("failure").item(0).getTextContent())
        .contains("com.acme.<Evil>.make(Evil.java:7)");
  }
}
