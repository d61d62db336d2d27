package dev.leakgate.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.harness.cli.CliRun;
import dev.leakgate.harness.jfr.TargetService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code leakgate probe} and the agent's exit report beside the real OpenTelemetry Java agent, in the
 * orders users meet: LeakGate's {@code -javaagent} first, second, and behind the Java agent named in
 * {@code JAVA_TOOL_OPTIONS} (how the OpenTelemetry Operator injects it, read before the command
 * line), on JDK 17 and 25; and both in {@code JAVA_TOOL_OPTIONS}, LeakGate first, as the notice
 * advises. In every order both list the Java agent's components; when LeakGate comes second they are
 * marked built before LeakGate started, and one line at start says so, exactly then.
 */
class ProbeBesideTheJavaAgentIT {
  private static final Path JAVA_17 = Path.of(System.getProperty("java.home"));
  private static final Path JAVA_25 = Path.of(System.getProperty("leakgate.it.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
  private static final String BODY = "{\"agent\":{\"id\":\"beside-it\"}}";
  private static final String BUILT_BEFORE = "built before LeakGate started";
  /** What the Java agent builds with OTLP traces, metrics and logs (its defaults). */
  private static final List<String> THE_AGENTS_KINDS = List.of("BatchSpanProcessor", "BatchLogRecordProcessor",
      "PeriodicMetricReader", "SdkTracerProvider", "SdkMeterProvider", "SdkLoggerProvider", "OpenTelemetrySdk");
  private static final String NOTICE = "leakgate: 7 OpenTelemetry components were built before LeakGate started"
      + " (1 BatchSpanProcessor, 1 BatchLogRecordProcessor, 1 PeriodicMetricReader, 1 SdkTracerProvider,"
      + " 1 SdkMeterProvider, 1 SdkLoggerProvider, 1 OpenTelemetrySdk): counted as pre-existing, their creating"
      + " lines unknown; for full creating lines ";

  /** Where the two agents are named. */
  enum Order {
    LEAKGATE_FIRST(false),
    LEAKGATE_SECOND(true),
    JAVA_AGENT_IN_JAVA_TOOL_OPTIONS(true),
    BOTH_IN_JAVA_TOOL_OPTIONS_LEAKGATE_FIRST(false);

    final boolean leakGateSecond;

    Order(boolean leakGateSecond) {
      this.leakGateSecond = leakGateSecond;
    }
  }

  @TempDir Path dir;

  static Stream<Arguments> orders() {
    List<Arguments> cases = new ArrayList<>();
    for (Order order : Order.values()) {
      cases.add(Arguments.of("JDK 17", order));
    }
    // the advised order once is enough; the three a user meets on the other JDK too
    for (Order order : List.of(Order.LEAKGATE_FIRST, Order.LEAKGATE_SECOND, Order.JAVA_AGENT_IN_JAVA_TOOL_OPTIONS)) {
      cases.add(Arguments.of("JDK 25", order));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("orders")
  void theProbeAndTheExitReportListTheJavaAgentsComponentsAndTheNoticeComesExactlyWhenSomethingWasMissed(String jdk, Order order)
      throws Exception {
    Path javaHome = jdk.equals("JDK 25") ? JAVA_25 : JAVA_17;
    assumeTrue(Files.isExecutable(javaHome.resolve("bin/java")), "no " + jdk + " at " + javaHome);
    Path report = dir.resolve("exit.json");
    String leakGate = "-javaagent:" + System.getProperty("leakgate.agent.jar") + "=log=quiet,report=" + report;
    String javaAgent = "-javaagent:" + System.getProperty("leakgate.otel.javaagent");
    List<String> options = new ArrayList<>();
    Map<String, String> env = Map.of();
    switch (order) {
      case LEAKGATE_FIRST -> options.addAll(List.of(leakGate, javaAgent));
      case LEAKGATE_SECOND -> options.addAll(List.of(javaAgent, leakGate));
      case JAVA_AGENT_IN_JAVA_TOOL_OPTIONS -> {
        env = Map.of("JAVA_TOOL_OPTIONS", javaAgent);
        options.add(leakGate);
      }
      case BOTH_IN_JAVA_TOOL_OPTIONS_LEAKGATE_FIRST -> env = Map.of("JAVA_TOOL_OPTIONS", leakGate + " " + javaAgent);
    }
    // OTLP to a loopback port nobody listens on: the Java agent builds a processor or reader of each signal, nothing
    // leaves the host, and without retries its flush at exit ends at once. Its library instrumentations cost seconds
    // of CPU per JVM and change nothing of the SDK it builds, which is what LeakGate must find: they are off
    options.addAll(List.of("-Dotel.exporter.otlp.protocol=http/protobuf", "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + closedPort(),
        "-Dotel.java.exporter.otlp.retry.disabled=true", "-Dotel.instrumentation.common.default-enabled=false",
        "-Dotel.javaagent.logging=none", "-Dotel.service.name=leakgate-it"));

    CliRun probe;
    List<String> serviceOutput;
    try (TargetService service = TargetService.reference(javaHome, "fixed", options, env)) {
      probe = CliRun.of("probe", "--pid", service.pid(), "--url", service.url + "/create_agent", "--body", BODY,
          "--warmup", "1", "--requests", "2");
      serviceOutput = service.output();
    }

    assertThat(probe.exit()).as(probe.out() + probe.err()).isZero();
    for (String kind : THE_AGENTS_KINDS) {
      assertThat(probe.out().lines()).as("the probe's table").anyMatch(l -> l.matches("CLEAN\\s+" + kind + "\\s.*"));
    }
    List<String> notices = serviceOutput.stream().filter(l -> l.startsWith("leakgate: ")).toList();
    if (order.leakGateSecond) {
      assertThat(probe.out()).contains("Built before LeakGate started (counted above, creating lines unknown): "
          + "1 BatchSpanProcessor, 1 BatchLogRecordProcessor, 1 PeriodicMetricReader, 1 SdkTracerProvider, "
          + "1 SdkMeterProvider, 1 SdkLoggerProvider, 1 OpenTelemetrySdk;");
      assertThat(notices).as("the service's output").singleElement().asString().startsWith(NOTICE)
          .contains(order == Order.JAVA_AGENT_IN_JAVA_TOOL_OPTIONS
              ? "name LeakGate's -javaagent in JAVA_TOOL_OPTIONS before the other agent there"
              : "put LeakGate's -javaagent before the other agent's");
    } else {
      assertThat(probe.out()).doesNotContain("Built before LeakGate started");
      assertThat(notices).as("the service's output").isEmpty();
    }

    JsonNode exit = new ObjectMapper().readTree(Files.readString(report));
    for (String kind : THE_AGENTS_KINDS) {
      JsonNode agents = null;
      for (JsonNode s : exit.path("sites")) {
        boolean theAgents = order.leakGateSecond
            ? s.path("site").asText().equals(BUILT_BEFORE)
            : s.path("className").asText().startsWith("io.opentelemetry.javaagent.");
        if (s.path("kind").asText().equals(kind) && theAgents) {
          agents = s;
        }
      }
      assertThat(agents).as(kind + " of the Java agent in the exit report's sites " + exit.path("sites")).isNotNull();
      assertThat(agents.path("created").asLong()).as(kind).isEqualTo(1);
    }
    if (!order.leakGateSecond) {
      assertThat(exit.path("sites").findValuesAsText("site")).as("LeakGate saw everything being built").doesNotContain(BUILT_BEFORE);
    }
  }

  /** A loopback port that was free a moment ago: connections to it are refused. */
  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
