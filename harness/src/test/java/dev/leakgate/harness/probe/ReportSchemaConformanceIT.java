package dev.leakgate.internal.probe;

import dev.leakgate.harness.service.SdkWarmup;
import dev.leakgate.harness.registry.InProcessRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.leakgate.agent.AgentMain;
import dev.leakgate.agent.report.ReportJson;
import dev.leakgate.api.LeakGate;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.api.Scope;
import dev.leakgate.internal.load.HttpLoad;
import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.DiscardingSpanExporter;
import dev.leakgate.harness.service.Variant;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.JsonReports;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the agent and the probe really write validates against the published leakgate.report/1 schema. */
class ReportSchemaConformanceIT {
  private static Schema schema;

  @BeforeAll
  static void loadThePublishedSchema() throws Exception {
    SdkWarmup.ensureAgentAndWarm();
    try (InputStream in = Report.class.getResourceAsStream("/leakgate-report-1.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    }
  }

  @Test
  void theAgentsOwnReportValidatesWithLiveDrainingAndScopedInstances() throws Exception {
    OpenTelemetrySdk sdk;
    BatchSpanProcessor draining;
    Scope scope = LeakGate.scope("schema-conformance");
    try {
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build())
              .build())
          .build();
      draining = BatchSpanProcessor.builder(new DiscardingSpanExporter()).setScheduleDelay(Duration.ofSeconds(2)).build();
    } finally {
      scope.close();
    }
    draining.shutdown();
    String json = ReportJson.toJson(Registry.snapshot(), "agent", AgentMain.version());
    sdk.close();

    JsonNode report = new ObjectMapper().readTree(json);
    assertThat(report.path("instances").findValuesAsText("scope")).contains("schema-conformance");
    assertThat(report.path("instances").findValues("shutdownSite")).anyMatch(JsonNode::isNull).anyMatch(JsonNode::isTextual);
    assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();
  }

  @Test
  void aProbeReportWithSamplesAndVerdictValidates() {
    try (CreateAgentService service = CreateAgentService.builder().variant(Variant.LEAKY).build().start();
        HttpLoad load = HttpLoad.to(service.uri().resolve("/create_agent")).body("{\"agent\":{\"id\":\"schema\"}}").build()) {
      Report report = Probe.builder(new InProcessRegistry(), load).warmup(0).requests(2).build().run();

      assertThat(report.verdict()).isNotNull();
      assertThat(report.samples()).hasSize(3);
      assertThat(schema.validate(JsonReports.toJson(report), InputFormat.JSON)).isEmpty();
    }
  }
}
