package dev.leakgate.reports.model;

import dev.leakgate.reports.json.JsonReports;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.leakgate.reports.testing.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The published JSON Schema agrees with the model: good reports pass, broken ones do not. */
class ReportSchemaTest {

  private static Schema schema() throws Exception {
    try (InputStream in = ReportSchemaTest.class.getResourceAsStream("/leakgate-report-1.schema.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"leaky.json", "leaky-new-site.json", "leaky-higher-rate.json", "clean.json",
      "churn.json", "agent-exit.json", "agent-exit-process-wide.json", "shard-a.json", "shard-b.json", "hostile.json", "hostile-text.json"})
  void sampleReportsValidateAgainstThePublishedSchema(String name) throws Exception {
    List<Error> errors = schema().validate(Files.readString(Fixtures.path(name)), InputFormat.JSON);

    assertThat(errors).as(name).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"wrong-schema.json", "missing-sites.json", "missing-site-kind.json", "negative-count.json"})
  void brokenReportsDoNotValidate(String name) throws Exception {
    List<Error> errors = schema().validate(Files.readString(Fixtures.path(name)), InputFormat.JSON);

    assertThat(errors).as(name).isNotEmpty();
  }

  @Test
  void aProcessWideSiteWithoutItsReasonDoesNotValidate() throws Exception {
    String json = Files.readString(Fixtures.path("agent-exit-process-wide.json")).replace("\"reason\": \"jdk\",", "");

    assertThat(schema().validate(json, InputFormat.JSON)).isNotEmpty();
  }

  @Test
  void whatTheModelWritesWithProcessWideSitesValidates() throws Exception {
    Report read = Fixtures.report("agent-exit-process-wide.json");

    String written = JsonReports.toJson(read);

    assertThat(schema().validate(written, InputFormat.JSON)).isEmpty();
    assertThat(written).contains("\"processWide\"", "\"reason\" : \"static-initialiser\"");
  }

  @Test
  void whatTheModelWritesValidates() throws Exception {
    Report merged = Reports.merge(List.of(Fixtures.report("shard-a.json"), Fixtures.report("shard-b.json")));

    assertThat(schema().validate(JsonReports.toJson(merged), InputFormat.JSON)).isEmpty();
  }
}
