package dev.leakgate.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.model.Verdict;
import dev.leakgate.reports.testing.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SarifRendererTest {

  private static Schema sarifSchema;

  @BeforeAll
  static void loadTheOfficialSchema() throws Exception {
    // OASIS SARIF 2.1.0 (errata 01), shipped under src/test/resources/schemas: nothing is downloaded
    try (InputStream in = SarifRendererTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(new ObjectMapper().readTree(text).get("title").asText())
          .isEqualTo("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema");
      sarifSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(text, InputFormat.JSON);
    }
  }

  private static JsonNode json(String sarif) throws Exception {
    return new ObjectMapper().readTree(sarif);
  }

  @ParameterizedTest
  @ValueSource(strings = {"leaky.json", "clean.json", "churn.json", "agent-exit.json", "hostile.json", "hostile-text.json", "shard-a.json"})
  void outputValidatesAgainstTheSarif210Schema(String name) {
    String sarif = new SarifRenderer().render(Fixtures.report(name));

    List<Error> errors = sarifSchema.validate(sarif, InputFormat.JSON);

    assertThat(errors).as(name + "\n" + sarif).isEmpty();
  }

  @Test
  void theSchemaCatchesABrokenLog() {
    assertThat(sarifSchema.validate("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}", InputFormat.JSON))
        .isNotEmpty();
  }

  @Test
  void eachCulpritSiteIsOneResultAtItsFileAndLine() throws Exception {
    JsonNode run = json(new SarifRenderer().render(Fixtures.report("leaky.json"))).get("runs").get(0);

    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("LeakGate");
    JsonNode results = run.get("results");
    assertThat(results).hasSize(4);
    JsonNode first = results.get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("leakgate/leak");
    assertThat(first.get("level").asText()).isEqualTo("error");
    assertThat(first.at("/message/text").asText())
        .startsWith("BatchSpanProcessor created here 22 times, 22 still live (LEAK: 4.00 live per request");
    JsonNode physical = first.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo("dev/leakgate/harness/service/Agent.java");
    assertThat(physical.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
    assertThat(physical.at("/region/startLine").asInt()).isEqualTo(31);
    assertThat(run.at("/tool/driver/rules/" + first.get("ruleIndex").asInt() + "/id").asText()).isEqualTo("leakgate/leak");
  }

  @Test
  void withASourceRootTheRealFileIsFoundAndMadeRelative(@TempDir Path root) throws Exception {
    Path main = root.resolve("service/src/main/java/dev/leakgate/harness/service");
    Files.createDirectories(main);
    Files.writeString(main.resolve("Agent.java"), "class Agent {}");
    Path stale = root.resolve("service/target/generated/dev/leakgate/harness/service");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("Agent.java"), "class Agent {}");

    JsonNode run = json(new SarifRenderer(root).render(Fixtures.report("leaky.json"))).get("runs").get(0);

    assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("service/src/main/java/dev/leakgate/harness/service/Agent.java");
    assertThat(run.at("/results/1/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("dev/leakgate/harness/service/Task.java");
    assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText()).startsWith("file:/").endsWith("/");
    assertThat(sarifSchema.validate(new SarifRenderer(root).render(Fixtures.report("leaky.json")), InputFormat.JSON))
        .isEmpty();
  }

  @Test
  void hostileClassNamesArePercentEncodedInTheUri() throws Exception {
    Site evil = new Site("BatchSpanProcessor", "com.acme.<Evil> x.make(Unknown Source)", "com.acme.<Evil> x",
        "make", null, 7, 1, 0, 1, 1, List.of(), List.of(), List.of());
    Report report = Fixtures.report("leaky.json");
    Report hostile = new Report(report.schema(), report.generatedAt(), null, report.components(), List.of(evil),
        List.of(), List.of(), List.of(),
        new Verdict(Status.LEAK, 1, 0, 1.0, Map.of(), List.of(evil.site())));

    String sarif = new SarifRenderer().render(hostile);

    assertThat(json(sarif).at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("com/acme/%3CEvil%3E%20x.java");
    assertThat(sarifSchema.validate(sarif, InputFormat.JSON)).isEmpty();
  }

  @Test
  void churnIsANoteAndAReportWithoutVerdictListsLiveSitesAsNotes() throws Exception {
    JsonNode churn = json(new SarifRenderer().render(Fixtures.report("churn.json")));
    assertThat(churn.at("/runs/0/results/0/ruleId").asText()).isEqualTo("leakgate/churn");
    assertThat(churn.at("/runs/0/results/0/level").asText()).isEqualTo("note");

    JsonNode exit = json(new SarifRenderer().render(Fixtures.report("agent-exit.json")));
    assertThat(exit.at("/runs/0/results")).hasSize(2);
    assertThat(exit.at("/runs/0/results/0/ruleId").asText()).isEqualTo("leakgate/live");

    JsonNode clean = json(new SarifRenderer().render(Fixtures.report("clean.json")));
    assertThat(clean.at("/runs/0/results")).isEmpty();
  }

  @Test
  void eachResultSaysWhatToDoAboutItsOwnKind() {
    String sarif = new SarifRenderer().render(Fixtures.report("agent-exit-process-wide.json"));

    assertThat(sarif).contains("Shut the pool down (shutdown/close) or build it once.").doesNotContain("Build telemetry once");
  }
}
