package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.MatrixWorkload;
import dev.leakgate.it.samples.RegistryDump;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Counts per kind and per creating line stay exact on every SDK the README claims (1.30 to 1.68),
 * across the DaemonThreadFactory move (1.59) and the constructor changes (1.34, 1.58). One JVM per version.
 */
class SdkMatrixIT {
  private static final String[] EVERY_KIND = {
      "BatchSpanProcessor", "BatchLogRecordProcessor", "PeriodicMetricReader",
      "SdkTracerProvider", "SdkMeterProvider", "SdkLoggerProvider", "OpenTelemetrySdk"};
  private static final String[] EVERY_KIND_MARKER = {
      "MATRIX-SPANS", "MATRIX-LOGS", "MATRIX-READER", "MATRIX-TRACER", "MATRIX-METER", "MATRIX-LOGGER", "MATRIX-SDK"};

  /** Threads of one running reader: its scheduler; on 1.68 an export worker too (1.58 and older: the scheduler only). */
  @ParameterizedTest(name = "SDK {0}")
  @CsvSource({"1.30.0, 1", "1.42.0, 1", "1.49.0, 1", "1.55.0, 1", "1.58.0, 1", "1.68.0, 2"})
  void countsPerKindAndPerLineAreExact(String version, long readerThreads) throws Exception {
    ForkedJvm.Result result = new ForkedJvm()
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(ForkedJvm.sdk(version))
        .agent("log=quiet")
        .run(MatrixWorkload.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).as("stderr").isEmpty();
    assertThat(result.out()).contains("failures 0");
    JsonNode json = new ObjectMapper().readTree(RegistryDump.in(result.out()));
    JsonNode components = json.path("components");

    // five leaked + three shut down + one kept + one shut down with the SDK; one worker per live processor
    assertCounts(components.path("BatchSpanProcessor"), 10, 4, 6);
    assertThat(components.path("BatchSpanProcessor").path("liveThreads").asLong()).isEqualTo(6);
    assertCounts(components.path("BatchLogRecordProcessor"), 2, 1, 1);
    assertThat(components.path("BatchLogRecordProcessor").path("liveThreads").asLong()).isEqualTo(1);
    assertCounts(components.path("PeriodicMetricReader"), 2, 1, 1);
    assertThat(components.path("PeriodicMetricReader").path("liveThreads").asLong())
        .as("threads of the one live reader").isEqualTo(readerThreads);
    for (String providerKind : List.of("SdkTracerProvider", "SdkMeterProvider", "SdkLoggerProvider", "OpenTelemetrySdk")) {
      assertCounts(components.path(providerKind), 2, 1, 1);
      assertThat(components.path(providerKind).path("liveThreads").asLong()).as(providerKind).isZero();
    }

    JsonNode leak = site(json, "BatchSpanProcessor", "MATRIX-LEAK");
    assertThat(leak.path("site").asText())
        .isEqualTo(MatrixWorkload.class.getName() + ".leak(MatrixWorkload.java:" + SourceLines.lineOf(MatrixWorkload.class, "MATRIX-LEAK") + ")");
    assertSiteCounts(leak, 5, 0, 5);
    assertThat(leak.path("liveThreads").asLong()).isEqualTo(5);
    JsonNode tidy = site(json, "BatchSpanProcessor", "MATRIX-TIDY");
    assertSiteCounts(tidy, 3, 3, 0);
    assertThat(tidy.path("liveThreads").asLong()).isZero();
    for (int i = 0; i < EVERY_KIND.length; i++) {
      assertSiteCounts(site(json, EVERY_KIND[i], EVERY_KIND_MARKER[i]), 2, 1, 1);
    }
    List<String> sites = new ArrayList<>();
    json.path("sites").forEach(s -> sites.add(s.path("kind").asText() + " " + s.path("site").asText()));
    assertThat(sites).as("one site per line, nothing unknown").hasSize(9).noneMatch(s -> s.contains("unknown"));
  }

  private static void assertCounts(JsonNode counts, long created, long shutdown, long live) {
    assertThat(counts.path("created").asLong()).as("created").isEqualTo(created);
    assertThat(counts.path("shutdown").asLong()).as("shutdown").isEqualTo(shutdown);
    assertThat(counts.path("live").asLong()).as("live").isEqualTo(live);
    assertThat(counts.path("draining").asLong()).as("draining").isZero();
  }

  private static void assertSiteCounts(JsonNode site, long created, long shutdown, long live) {
    assertThat(site.path("created").asLong()).as(site.path("site").asText() + " created").isEqualTo(created);
    assertThat(site.path("shutdown").asLong()).as(site.path("site").asText() + " shutdown").isEqualTo(shutdown);
    assertThat(site.path("live").asLong()).as(site.path("site").asText() + " live").isEqualTo(live);
  }

  private static JsonNode site(JsonNode json, String kind, String marker) throws Exception {
    int line = SourceLines.lineOf(MatrixWorkload.class, marker);
    for (JsonNode s : json.path("sites")) {
      if (s.path("kind").asText().equals(kind) && s.path("className").asText().equals(MatrixWorkload.class.getName())
          && s.path("line").asInt() == line) {
        return s;
      }
    }
    throw new AssertionError("no " + kind + " site at MatrixWorkload.java:" + line + " in " + json.path("sites"));
  }
}
