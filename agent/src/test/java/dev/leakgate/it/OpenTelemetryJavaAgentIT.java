package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.LeaksNextToTheJavaAgent;
import dev.leakgate.it.samples.RegistryDump;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java agent loaded after LeakGate: its own SDK (in its own class loader, built in
 * its premain where every frame is OpenTelemetry's) is attributed to the Java agent's code, its
 * installer on the stack, never "unknown"; the application's own leak is counted exactly beside it.
 * Loaded before LeakGate, its SDK counts as built before LeakGate started, and its shutdown at exit
 * is seen. (Every order on JDK 17 and 25, with the probe: the harness's ProbeBesideTheJavaAgentIT.)
 */
class OpenTelemetryJavaAgentIT {
  private static final List<String> THE_AGENTS_KINDS = List.of("BatchSpanProcessor", "BatchLogRecordProcessor",
      "PeriodicMetricReader", "SdkTracerProvider", "SdkMeterProvider", "SdkLoggerProvider", "OpenTelemetrySdk");

  @TempDir Path dir;

  @Test
  void theJavaAgentsSdkIsAttributedToItsInstallerAndTheApplicationsLeakIsCountedExactly() throws Exception {
    ForkedJvm.Result result = new ForkedJvm()
        .testClassesAndCurrentSdk()
        .agent("log=quiet")
        .jvmArg("-javaagent:" + System.getProperty("leakgate.otel.javaagent"))
        // OTLP traces (so it builds a batch processor) to a loopback port nobody listens on; nothing else exported
        .jvmArg("-Dotel.traces.exporter=otlp")
        .jvmArg("-Dotel.exporter.otlp.protocol=http/protobuf")
        .jvmArg("-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + closedPort())
        .jvmArg("-Dotel.metrics.exporter=none")
        .jvmArg("-Dotel.logs.exporter=none")
        .jvmArg("-Dotel.javaagent.logging=none")
        .jvmArg("-Dotel.service.name=leakgate-it")
        .run(LeaksNextToTheJavaAgent.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("failures 0");
    JsonNode json = new ObjectMapper().readTree(RegistryDump.in(result.out()));

    List<String> sites = new ArrayList<>();
    List<String> agentSites = new ArrayList<>();
    JsonNode appLeak = null;
    int leakLine = SourceLines.lineOf(LeaksNextToTheJavaAgent.class, "APP-LEAK");
    for (JsonNode s : json.path("sites")) {
      sites.add(s.path("kind").asText() + " " + s.path("site").asText());
      if (s.path("className").asText().startsWith("io.opentelemetry.javaagent.")) {
        agentSites.add(s.path("kind").asText() + " " + s.path("site").asText());
        // the first frame outside the SDK is the Java agent's (shaded) API; its installer is on the stack below it
        assertThat(s.path("stack").toString()).as(s.path("site").asText())
            .contains("io.opentelemetry.javaagent.tooling.OpenTelemetryInstaller.installOpenTelemetrySdk(");
      }
      if (s.path("className").asText().equals(LeaksNextToTheJavaAgent.class.getName()) && s.path("line").asInt() == leakLine) {
        appLeak = s;
      }
    }
    assertThat(sites).as("every site").noneMatch(s -> s.contains("unknown"));
    assertThat(agentSites).as("the Java agent's own SDK, at its installer")
        .anyMatch(s -> s.startsWith("BatchSpanProcessor "))
        .anyMatch(s -> s.startsWith("SdkTracerProvider "))
        .anyMatch(s -> s.startsWith("OpenTelemetrySdk "));
    assertThat(appLeak).as("the application's line in " + sites).isNotNull();
    assertThat(appLeak.path("site").asText())
        .isEqualTo(LeaksNextToTheJavaAgent.class.getName() + ".main(LeaksNextToTheJavaAgent.java:" + leakLine + ")");
    assertThat(appLeak.path("created").asLong()).isEqualTo(5);
    assertThat(appLeak.path("live").asLong()).isEqualTo(5);
    assertThat(appLeak.path("liveThreads").asLong()).isEqualTo(5);
    long agentProcessors = 0;
    for (JsonNode s : json.path("sites")) {
      if (s.path("kind").asText().equals("BatchSpanProcessor") && s.path("className").asText().startsWith("io.opentelemetry.javaagent.")) {
        agentProcessors += s.path("created").asLong();
      }
    }
    assertThat(agentProcessors).as("the Java agent's one OTLP span processor").isEqualTo(1);
    assertThat(json.path("components").path("BatchSpanProcessor").path("created").asLong())
        .as("the application's five and the Java agent's one").isEqualTo(6);
  }

  @Test
  void behindTheJavaAgentItsSdkCountsAsBuiltBeforeLeakGateStartedItsShutdownIsSeenAndTheApplicationsLeakIsExact() throws Exception {
    Path report = dir.resolve("exit.json");
    String endpoint = "http://127.0.0.1:" + closedPort();
    ForkedJvm.Result result = new ForkedJvm()
        .testClassesAndCurrentSdk()
        .jvmArg("-javaagent:" + System.getProperty("leakgate.otel.javaagent"))
        .jvmArg(ForkedJvm.agentOption("log=quiet,report=" + report))
        // OTLP traces, metrics and logs to a loopback port nobody listens on: a processor or reader of each
        .jvmArg("-Dotel.exporter.otlp.protocol=http/protobuf")
        .jvmArg("-Dotel.exporter.otlp.endpoint=" + endpoint)
        .jvmArg("-Dotel.java.exporter.otlp.retry.disabled=true") // its flush at exit ends at once
        .jvmArg("-Dotel.javaagent.logging=none")
        .jvmArg("-Dotel.service.name=leakgate-it")
        .run(LeaksNextToTheJavaAgent.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("failures 0");
    assertThat(result.errLines()).filteredOn(l -> l.startsWith("leakgate: ")).singleElement().asString()
        .startsWith("leakgate: 7 OpenTelemetry components were built before LeakGate started (1 BatchSpanProcessor,"
            + " 1 BatchLogRecordProcessor, 1 PeriodicMetricReader, 1 SdkTracerProvider, 1 SdkMeterProvider,"
            + " 1 SdkLoggerProvider, 1 OpenTelemetrySdk)");
    JsonNode running = new ObjectMapper().readTree(RegistryDump.in(result.out()));
    int leakLine = SourceLines.lineOf(LeaksNextToTheJavaAgent.class, "APP-LEAK");
    int applicationSites = 0;
    for (JsonNode s : running.path("sites")) {
      if (s.path("className").asText().equals(LeaksNextToTheJavaAgent.class.getName())) {
        applicationSites++;
        assertThat(s.path("line").asInt()).isEqualTo(leakLine);
        assertThat(s.path("created").asLong()).isEqualTo(5);
      } else {
        assertThat(s.path("site").asText()).as(s.toString()).isEqualTo("built before LeakGate started");
        assertThat(s.path("created").asLong()).as(s.toString()).isEqualTo(1);
      }
    }
    assertThat(applicationSites).as("the application's leak, at its line").isEqualTo(1);
    assertThat(running.path("components").path("BatchSpanProcessor").path("liveThreads").asLong())
        .as("the application's five workers and the Java agent's one").isEqualTo(6);

    JsonNode atExit = new ObjectMapper().readTree(Files.readString(report));
    for (String kind : THE_AGENTS_KINDS) {
      JsonNode early = null;
      for (JsonNode s : atExit.path("sites")) {
        if (s.path("kind").asText().equals(kind) && s.path("site").asText().equals("built before LeakGate started")) {
          early = s;
        }
      }
      assertThat(early).as(kind + " in " + atExit.path("sites")).isNotNull();
      assertThat(early.path("shutdown").asLong()).as(kind + ": the Java agent shuts its SDK down at exit, through methods LeakGate instrumented after the fact").isEqualTo(1);
    }
  }

  /** A loopback port that was free a moment ago: connections to it are refused, nothing leaves the host. */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
