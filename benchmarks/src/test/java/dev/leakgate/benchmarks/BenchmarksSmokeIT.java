package dev.leakgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark of the packaged jar once, as briefly as JMH allows (one fork, no warm-up, one
 * 200 ms iteration, 2,000 churn cycles, 20,000 chains), so a broken benchmark fails the build. Not a
 * measurement.
 */
class BenchmarksSmokeIT {
  private static final long SMOKE_TIMEOUT_MINUTES = 5;
  private static JsonNode results;

  @BeforeAll
  static void runEveryBenchmarkOnce() throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("leakgate.benchmarks.jar", "target/benchmarks.jar"));
    Path json = jar.resolveSibling("jmh-smoke.json");
    Path log = jar.resolveSibling("jmh-smoke.log");
    Files.deleteIfExists(json);
    // a smoke measures nothing: it may run while a real benchmark holds JMH's lock (/tmp/jmh.lock)
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djmh.ignoreLock=true", "-jar", jar.toString(),
        "-f", "1", "-wi", "0", "-i", "1", "-w", "200ms", "-r", "200ms",
        "-p", "cycles=2000", "-p", "chains=20000", "-p", "asyncChains=2000",
        "-foe", "true", "-rf", "json", "-rff", json.toString()));
    Process jmh = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!jmh.waitFor(SMOKE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      jmh.destroyForcibly();
      throw new AssertionError("the smoke did not finish within " + SMOKE_TIMEOUT_MINUTES + " min; see " + log);
    }
    assertThat(jmh.exitValue()).as("JMH exit code; output in %s", log).isZero();
    results = new ObjectMapper().readTree(json.toFile());
  }

  @Test
  void everyBenchmarkProducedAResult() {
    List<String> names = new ArrayList<>();
    results.forEach(r -> names.add(r.path("benchmark").asText()));
    assertThat(names).anyMatch(n -> n.endsWith("CreateAgentLoad.oneClient"))
        .anyMatch(n -> n.endsWith("CreateAgentLoad.fourClients"))
        .anyMatch(n -> n.endsWith("AgentOverhead.processorBuildShutdownWithAgent"))
        .anyMatch(n -> n.endsWith("AgentOverhead.fixedRequestWithAgent"))
        .anyMatch(n -> n.endsWith("AgentOverhead.fixedRequestWatched"))
        .anyMatch(n -> n.endsWith("Startup.startAndExit"))
        .anyMatch(n -> n.endsWith("RegistryFootprint.churn"))
        .anyMatch(n -> n.endsWith("ExecutorHandoff.executeWithAgentNoScope"))
        .anyMatch(n -> n.endsWith("ExecutorHandoff.executeWithAgentInScope"))
        .anyMatch(n -> n.endsWith("JfrProbeOverhead.fixedRequest"))
        .anyMatch(n -> n.endsWith("CompletableFutureChains.chainsWithoutAgent"))
        .anyMatch(n -> n.endsWith("CompletableFutureChains.chainsWithAgentNoScope"))
        .anyMatch(n -> n.endsWith("CompletableFutureChains.chainsWithAgentInScope"))
        .anyMatch(n -> n.endsWith("ChainBurstFootprint.burst"))
        .anyMatch(n -> n.endsWith("WatchOverhead.fixedRequest"))
        .anyMatch(n -> n.endsWith("ThreadAndPoolCost.threadStartJoinInScope"))
        .anyMatch(n -> n.endsWith("ThreadAndPoolCost.poolLifecycleInScope"));
    // 2 per variant x 5 variants, 5 overhead, 2 JFR probe overhead, 1 watch overhead, 3 agents x 2 programs,
    // 1 footprint, 3 executor hand-offs, 3 chain costs, 1 chain burst footprint, 4 thread and pool costs
    assertThat(names).hasSize(36);
  }

  @Test
  void leakyVariantCreatesAndKeepsFourProcessorsPerRequest() {
    for (JsonNode run : runsOf("leaky")) {
      assertThat(secondary(run, "createdPerOp")).as(label(run)).isCloseTo(4.0, within(0.5));
      assertThat(secondary(run, "liveGrowthPerOp")).as(label(run)).isCloseTo(4.0, within(0.5));
    }
  }

  @Test
  void fixedVariantCreatesNothingPerRequest() {
    for (JsonNode run : runsOf("fixed")) {
      assertThat(secondary(run, "createdPerOp")).as(label(run)).isCloseTo(0.0, within(0.05));
      assertThat(secondary(run, "liveGrowthPerOp")).as(label(run)).isCloseTo(0.0, within(0.05));
    }
  }

  @Test
  void churnVariantCreatesPerRequestButAddsNothingLive() {
    for (JsonNode run : runsOf("churn")) {
      assertThat(secondary(run, "createdPerOp")).as(label(run)).isCloseTo(1.0, within(0.5));
      assertThat(secondary(run, "liveGrowthPerOp")).as(label(run)).isCloseTo(0.0, within(0.05));
    }
  }

  @Test
  void registryStaysSmallAfterChurn() {
    JsonNode footprint = runsNamed("RegistryFootprint.churn").get(0);
    assertThat(secondary(footprint, "registryEntries")).isLessThan(100);
  }

  @Test
  void chainBurstFootprintReportsWhatTheClosedScopeLeftBehind() {
    JsonNode burst = runsNamed("ChainBurstFootprint.burst").get(0);
    assertThat(secondary(burst, "heapRatio")).isPositive();
    assertThat(secondary(burst, "scopeCollectable")).isBetween(0.0, 1.0);
    assertThat(secondary(burst, "carried")).isNotNegative();
  }

  @Test
  void jfrProbeOverheadServesRequestsWhileTheProbesRecordingRuns() {
    List<JsonNode> runs = runsNamed("JfrProbeOverhead.fixedRequest");
    assertThat(runs).hasSize(2);
    for (JsonNode run : runs) {
      assertThat(secondary(run, "withRecording")).as(label(run)).isPositive();
    }
  }

  @Test
  void watchOverheadServesRequestsWhileLeakGatesEventsAreRecorded() {
    JsonNode run = runsNamed("WatchOverhead.fixedRequest").get(0);
    assertThat(secondary(run, "withRecording")).as(label(run)).isPositive();
  }

  /** leak-memory.sh's program, with the agent and a handful of calls: the line the script reads. */
  @Test
  void leakMemoryPrintsTheHeapAndTheLiveComponentsOfTheLeakyVariant() throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("leakgate.benchmarks.jar", "target/benchmarks.jar")).toAbsolutePath();
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + jar + "=log=quiet", "-cp", jar.toString(), LeakMemory.class.getName(), "leaky", "2")
        .redirectErrorStream(true).start();
    String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(run.exitValue()).as(out).isZero();
    // 2 calls x 4 processors and 4 providers, none shut down
    assertThat(out).containsPattern("(?m)^heapBytes=\\d+ threads=\\d+ liveComponents=16 createdComponents=16 registryEntries=\\d+$");
  }

  private static List<JsonNode> runsOf(String variant) {
    List<JsonNode> runs = new ArrayList<>();
    results.forEach(r -> {
      if (variant.equals(r.path("params").path("variant").asText())) {
        runs.add(r);
      }
    });
    assertThat(runs).as("runs of variant %s", variant).hasSize(2);
    return runs;
  }

  private static List<JsonNode> runsNamed(String suffix) {
    List<JsonNode> runs = new ArrayList<>();
    results.forEach(r -> {
      if (r.path("benchmark").asText().endsWith(suffix)) {
        runs.add(r);
      }
    });
    assertThat(runs).as("runs of %s", suffix).isNotEmpty();
    return runs;
  }

  private static double secondary(JsonNode run, String metric) {
    JsonNode score = run.path("secondaryMetrics").path(metric).path("score");
    assertThat(score.isNumber()).as("%s has %s", label(run), metric).isTrue();
    return score.asDouble();
  }

  private static String label(JsonNode run) {
    return run.path("benchmark").asText() + " " + run.path("params");
  }
}
