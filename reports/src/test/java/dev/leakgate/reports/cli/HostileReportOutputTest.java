package dev.leakgate.reports.cli;

import dev.leakgate.reports.gate.Gate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.reports.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A report whose strings carry terminal escapes, forged CI workflow commands, bidi overrides and
 * lone surrogates: every output is still written, and none of them passes those through.
 */
class HostileReportOutputTest {

  private static final String HOSTILE = "hostile-text.json";

  @TempDir Path dir;

  @Test
  void renderWritesEveryFileAndItsConsoleTableCannotForgeLinesOrEscapes() throws Exception {
    Path html = dir.resolve("r.html");
    Path sarif = dir.resolve("r.sarif");
    Path junit = dir.resolve("r.xml");

    CommandRun run = CommandRun.run(new RenderCommand(), Fixtures.path(HOSTILE).toString(),
        "--html", html.toString(), "--sarif", sarif.toString(), "--junit", junit.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertSafeForTerminalsAndCi(run.out());
    assertThat(run.out())
        .contains("Evil\\r\\n::error file=Kind.java,line=1::forged by a kind\\u001B[0m")
        .contains("com.acme.Evil.make(Evil.java:7)\\n::error file=")
        .contains("shard\uFFFD\\n::error");
    assertThat(html).exists();
    assertThat(sarif).exists();
    assertThat(junit).exists();
  }

  @Test
  void gateMessagesCannotForgeLinesOrEscapes() {
    CommandRun run = CommandRun.run(new GateCommand(), Fixtures.path(HOSTILE).toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Gate.EXIT_FAILED);
    assertSafeForTerminalsAndCi(run.out());
    assertThat(run.out())
        .contains("FAIL LEAK: Evil\\r\\n::error file=Kind.java,line=1::forged by a kind\\u001B[0m is LEAK")
        .contains("    at com.acme.Evil.make(Evil.java:7)\\n::error file=src/main/java/com/acme/Evil.java");
  }

  @Test
  void anErrorNamingHostileTextFromTheFileIsOneSafeLine() throws Exception {
    Path report = dir.resolve("bad.json");
    Files.writeString(report, "{\"schema\": \"x\\n::error file=a,line=1::forged\\u001b[2J\\ud800\"}");

    CommandRun run = CommandRun.run(new GateCommand(), report.toString());

    assertThat(run.exitCode()).isEqualTo(Gate.EXIT_BAD_INPUT);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("error: " + report + ": not a LeakGate report (schema is \"x\\n::error");
    assertSafeForTerminalsAndCi(run.err());
  }

  @Test
  void htmlIsValidUtf8WithControlAndBidiCharactersShownAsEscapes() throws Exception {
    String page = strictUtf8(rendered("--html", "r.html"));

    assertNoControlOrFormatCharacters(page);
    assertThat(page)
        .contains("com.acme.\\u202Ecod.evil\\u202C.run(Evil.java:2)")
        .contains("\\u001B[2J\\u001B[31mFAKE: gate: PASSED\\u0007")
        .contains("com.acme.Lone\uFFFDSurrogate.run(Lone.java:1)")
        .contains("\uD83D\uDE00 emoji stays");
  }

  @Test
  void sarifIsValidUtf8JsonWithLoneSurrogatesReplacedAndMessagesOnOneLine() throws Exception {
    JsonNode results = new ObjectMapper().readTree(strictUtf8(rendered("--sarif", "r.sarif"))).at("/runs/0/results");

    assertThat(results).hasSize(2);
    for (JsonNode result : results) {
      assertNoControlOrFormatCharacters(result.at("/message/text").asText());
    }
    assertThat(results.get(0).at("/properties/stack/1").asText()).isEqualTo("com.acme.Lone\uFFFDSurrogate.run(Lone.java:1)");
    assertThat(results.get(1).at("/message/text").asText())
        .startsWith("Evil\\r\\n::error file=Kind.java,line=1::forged by a kind\\u001B[0m created here twice");
  }

  @Test
  void junitXmlIsWellFormedXml10AndItsFailureTextCannotForgeLines() throws Exception {
    String xml = strictUtf8(rendered("--junit", "r.xml"));
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    assertNoControlOrFormatCharacters(xml);
    Element gate = (Element) document.getElementsByTagName("testcase").item(0);
    assertThat(gate.getAttribute("classname")).as("the gate's overall result leads").isEqualTo("leakgate.gate");
    Element first = (Element) document.getElementsByTagName("testcase").item(1);
    assertThat(first.getAttribute("classname")).isEqualTo("leakgate.shard\uFFFD\\n::error file=src/main/java/App.java,line=1::forged by the label");
    String failure = document.getElementsByTagName("failure").item(0).getTextContent();
    assertSafeForTerminalsAndCi(failure);
    assertThat(failure).contains("  at com.acme.Evil.make(Evil.java:7)\\n::error file=");
  }

  /** Renders the hostile report with one output option and returns the file written. */
  private Path rendered(String option, String fileName) {
    Path file = dir.resolve(fileName);
    CommandRun run = CommandRun.run(new RenderCommand(), Fixtures.path(HOSTILE).toString(), option, file.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return file;
  }

  /** Lines as a terminal and the GitHub Actions runner read them: no escapes, no workflow commands. */
  static void assertSafeForTerminalsAndCi(String output) {
    assertNoControlOrFormatCharacters(output);
    for (String line : output.split("\n", -1)) {
      // the runner trims leading blanks, then looks for "::"; it finds "##[" anywhere in a line
      assertThat(line.strip()).as("a line of output").doesNotStartWith("::");
      assertThat(line).doesNotContain("##[");
    }
  }

  /** No C0/C1 control but line feed, no format character (bidi), no separator, no lone surrogate. */
  static void assertNoControlOrFormatCharacters(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int type = Character.getType(c);
      assertThat(c == '\n'
              || (type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                  && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                  && c != 0xFFFE && c != 0xFFFF))
          .as("U+%04X at %d in: %s", c, i, text)
          .isTrue();
      i += Character.charCount(c);
    }
  }

  private static String strictUtf8(Path file) throws Exception {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError(file + " is not valid UTF-8", e);
    }
  }
}
