package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.AfterAnEarlierAgent;
import dev.leakgate.it.samples.RegistryDump;
import dev.leakgate.it.samples.SdkBuildingAgent;
import dev.leakgate.it.support.AgentJars;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LeakGate behind another agent that built an OpenTelemetry SDK in its premain (as the OpenTelemetry
 * Java agent and APM agents do): what that agent built counts as built before LeakGate started, with
 * its threads, found through GlobalOpenTelemetry and through the threads themselves; what is built
 * or shut down afterwards is recorded as usual; one line says so and how to see the creating lines.
 * Loaded first, LeakGate sees every creating line and says nothing. (The real OpenTelemetry Java
 * agent, in every order: OpenTelemetryJavaAgentIT, and the harness's ProbeBesideTheJavaAgentIT.)
 */
class BuiltBeforeLeakGateIT {
  private static final String NOTICE = "leakgate: 7 OpenTelemetry components were built before LeakGate started"
      + " (2 BatchSpanProcessor, 1 PeriodicMetricReader, 1 SdkTracerProvider, 1 SdkMeterProvider, 1 SdkLoggerProvider,"
      + " 1 OpenTelemetrySdk): counted as pre-existing, their creating lines unknown; for full creating lines put"
      + " LeakGate's -javaagent before the other agent's";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void behindAnAgentThatBuiltAnSdkWhatItBuiltCountsAsPreExistingAndOneLineSaysHowToSeeTheLines(String jdk) throws Exception {
    String earlyAgent = "-javaagent:" + AgentJars.of(SdkBuildingAgent.class, dir.resolve("early.jar"));
    ForkedJvm.Result result = run(jdk, earlyAgent, ForkedJvm.agentOption("log=quiet"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("failures 0");
    assertThat(result.errLines()).as("stderr").hasSize(1);
    assertThat(result.errLines().get(0)).startsWith(NOTICE);
    JsonNode json = new ObjectMapper().readTree(RegistryDump.in(result.out()));

    JsonNode components = json.path("components");
    assertThat(components.path("BatchSpanProcessor").path("created").asLong()).as("the global one, the unlisted one, the application's").isEqualTo(3);
    assertThat(components.path("BatchSpanProcessor").path("shutdown").asLong()).as("the unlisted one, shut down after start").isEqualTo(1);
    assertThat(components.path("PeriodicMetricReader").path("liveThreads").asLong()).as("its scheduler and its worker").isEqualTo(2);
    assertThat(components.path("SdkTracerProvider").path("created").asLong())
        .as("the global one; a provider without threads that nothing global references cannot be found").isEqualTo(1);
    for (String kind : List.of("SdkMeterProvider", "SdkLoggerProvider", "OpenTelemetrySdk")) {
      assertThat(components.path(kind).path("created").asLong()).as(kind).isEqualTo(1);
    }

    JsonNode early = site(json, "BatchSpanProcessor", "built before LeakGate started");
    assertThat(early.path("line").asInt()).isEqualTo(-1);
    assertThat(List.of(early.path("created").asLong(), early.path("shutdown").asLong(), early.path("liveThreads").asLong()))
        .as("created, shutdown, live threads").containsExactly(2L, 1L, 1L);
    int after = SourceLines.lineOf(AfterAnEarlierAgent.class, "AFTER-START");
    assertThat(site(json, "BatchSpanProcessor", AfterAnEarlierAgent.class.getName() + ".main(AfterAnEarlierAgent.java:" + after + ")")
        .path("created").asLong()).isEqualTo(1);
    List<String> alive = new ArrayList<>();
    for (JsonNode t : json.path("preExistingThreads")) {
      if (t.path("alive").asBoolean()) {
        alive.add(t.path("kind").asText());
      }
    }
    assertThat(alive).containsExactlyInAnyOrder("BatchSpanProcessor", "PeriodicMetricReader", "PeriodicMetricReader");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void loadedFirstLeakGateSeesEveryCreatingLineAndSaysNothing(String jdk) throws Exception {
    String earlyAgent = "-javaagent:" + AgentJars.of(SdkBuildingAgent.class, dir.resolve("early.jar"));
    ForkedJvm.Result result = run(jdk, ForkedJvm.agentOption("log=quiet"), earlyAgent);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.errLines()).as("stderr").isEmpty();
    JsonNode json = new ObjectMapper().readTree(RegistryDump.in(result.out()));
    for (JsonNode s : json.path("sites")) {
      assertThat(s.path("line").asInt()).as(s.path("kind").asText() + " " + s.path("site").asText()).isPositive();
    }
    int inPremain = SourceLines.lineOf(SdkBuildingAgent.class, "IN-PREMAIN");
    assertThat(site(json, "BatchSpanProcessor", SdkBuildingAgent.class.getName() + ".premain(SdkBuildingAgent.java:" + inPremain + ")")
        .path("created").asLong()).isEqualTo(1);
    assertThat(json.path("components").path("SdkTracerProvider").path("created").asLong()).as("both, seen being built").isEqualTo(2);
    assertThat(json.path("preExistingThreads")).isEmpty();
  }

  /** {@link AfterAnEarlierAgent} on {@code jdk} with the two agents in the order given. */
  private static ForkedJvm.Result run(String jdk, String firstAgent, String secondAgent) throws Exception {
    return ForkedJvm.onJdk(jdk)
        .testClassesAndCurrentSdk()
        .jvmArg(firstAgent)
        .jvmArg(secondAgent)
        .run(AfterAnEarlierAgent.class.getName());
  }

  private static JsonNode site(JsonNode json, String kind, String site) {
    List<String> all = new ArrayList<>();
    for (JsonNode s : json.path("sites")) {
      if (s.path("kind").asText().equals(kind) && s.path("site").asText().equals(site)) {
        return s;
      }
      all.add(s.path("kind").asText() + " " + s.path("site").asText());
    }
    throw new AssertionError("no " + kind + " site " + site + " in " + all);
  }
}
