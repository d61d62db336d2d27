package dev.leakgate.harness.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.leakgate.harness.Jdks.JAVA_17;
import static dev.leakgate.harness.Jdks.assumePresent;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.leakgate.harness.cli.CliRun;
import dev.leakgate.reports.model.Report;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code leakgate probe} reading JDK Flight Recorder thread events from services that run no agent,
 * on this JDK (17) and on the JDK at {@code leakgate.it.java25} (default: the Temurin 25 under
 * /usr/lib/jvm). Each service JVM is started once and shared by the cases that probe it.
 */
class JfrProbeIT {
  private static final String BODY = "{\"agent\":{\"id\":\"jfr-it\"}}";
  /** What the reference service prints by itself; a probe must add nothing to it. */
  private static final Pattern SERVICE_OWN_LINE = Pattern.compile(
      "leakgate serve: variant=\\S+ listening on .*|\\S+ \\[[^]]+] INFO CreateAgentService - Received payload of jfr-it");
  private static final Map<String, TargetService> SERVICES = new ConcurrentHashMap<>();

  @TempDir Path dir;

  private static CliRun leakgate(String... args) {
    return CliRun.of(args);
  }

  /** The reference service of {@code variant} on {@code javaHome}, started on first use. */
  private static TargetService service(Path javaHome, String variant) throws Exception {
    String key = javaHome + " " + variant;
    TargetService running = SERVICES.get(key);
    if (running == null) {
      running = TargetService.reference(javaHome, variant);
      SERVICES.put(key, running);
    }
    return running;
  }

  @AfterAll
  static void stopServices() throws InterruptedException {
    for (TargetService service : SERVICES.values()) {
      service.close();
    }
  }

  private JsonNode probe(TargetService service, String variant, int expectedExit, String... options) throws Exception {
    Path report = dir.resolve(variant + ".json");
    List<String> args = new ArrayList<>(List.of("probe", "--pid", service.pid(), "--url", service.url + "/create_agent",
        "--body", BODY, "--report", report.toString()));
    args.addAll(List.of(options));
    CliRun run = leakgate(args.toArray(String[]::new));

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(expectedExit);
    assertThat(run.out()).contains("source: JDK Flight Recorder thread events of pid " + service.pid());
    assertThat(service.jfrCheck()).as("recordings left in the target").doesNotContain(ThreadRecording.NAME);
    assertThat(service.output()).as("the target's output").allMatch(line -> SERVICE_OWN_LINE.matcher(line).matches());
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    assertThat(json.path("source").path("tool").asText()).isEqualTo("jfr");
    return json;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.leakgate.harness.Jdks#both")
  void leakyVariantWithoutTheAgentLeaksFourBatchWorkersPerRequestAtTheFourLines(String jdk, Path javaHome) throws Exception {
    assumePresent(javaHome);
    TargetService service = service(javaHome, "leaky");

    // no --jfr: a JVM without the agent is read through JFR anyway, and the probe says so
    JsonNode json = probe(service, "leaky", 1, "--warmup", "4", "--requests", "4");

    assertThat(json.path("verdict").path("status").asText()).isEqualTo("LEAK");
    JsonNode processors = json.path("verdict").path("byKind").path("BatchSpanProcessor");
    assertThat(processors.path("status").asText()).isEqualTo("LEAK");
    assertThat(processors.path("perRequest").asDouble()).isEqualTo(4.0);
    List<String> culprits = new ArrayList<>();
    json.path("verdict").path("sites").forEach(site -> culprits.add(site.asText()));
    assertThat(culprits).hasSize(4);
    assertThat(String.join(" ", culprits)).contains(
        "dev.leakgate.harness.service.Agent.<init>(Agent.java:",
        "dev.leakgate.harness.service.Task.<init>(Task.java:",
        "dev.leakgate.harness.service.Crew.<init>(Crew.java:",
        "dev.leakgate.harness.service.LlmClient.<init>(LlmClient.java:");
    assertThat(json.path("verdict").path("lingerMillis").asLong()).isGreaterThanOrEqualTo(JfrThreadRegistry.LINGER.toMillis());
    assertThat(publishedSchema().validate(json.toString(), InputFormat.JSON)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.leakgate.harness.Jdks#both")
  void fixedVariantIsClean(String jdk, Path javaHome) throws Exception {
    assumePresent(javaHome);
    // the warm-up fills the pool of 4 (its threads start on demand), so only growth after it counts
    JsonNode json = probe(service(javaHome, "fixed"), "fixed", 0, "--jfr", "--warmup", "4", "--requests", "4");

    assertThat(json.path("verdict").path("status").asText()).as(json.path("verdict").toString()).isEqualTo("CLEAN");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.leakgate.harness.Jdks#both")
  void churnVariantIsChurnNotALeakOnceLingeringWorkersEnd(String jdk, Path javaHome) throws Exception {
    assumePresent(javaHome);
    JsonNode json = probe(service(javaHome, "churn"), "churn", 0, "--jfr", "--warmup", "4", "--requests", "6");

    JsonNode verdict = json.path("verdict");
    assertThat(verdict.path("status").asText()).as(verdict.toString()).isEqualTo("CHURN");
    assertThat(verdict.path("byKind").path("BatchSpanProcessor").path("status").asText()).isEqualTo("CHURN");
    assertThat(verdict.path("byKind").path("BatchSpanProcessor").path("createdPerRequest").asDouble()).isEqualTo(1.0);
    assertThat(verdict.path("lingerMillis").asLong()).isGreaterThanOrEqualTo(JfrThreadRegistry.LINGER.toMillis());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.leakgate.harness.Jdks#both")
  void perThreadVariantIsBoundedByThePool(String jdk, Path javaHome) throws Exception {
    assumePresent(javaHome);
    // no warm-up: its processors are built on each pool thread's first call, as the pool fills
    JsonNode json = probe(service(javaHome, "per-thread"), "per-thread", 0, "--jfr", "--warmup", "0", "--requests", "8");

    JsonNode verdict = json.path("verdict");
    assertThat(verdict.path("status").asText()).as(verdict.toString()).isEqualTo("BOUNDED");
    assertThat(verdict.path("byKind").path("BatchSpanProcessor").path("status").asText()).isEqualTo("BOUNDED");
    assertThat(verdict.path("sites").toString()).contains("TelemetryWiring$PerThread.buildForThisThread(TelemetryWiring.java:");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.leakgate.harness.Jdks#both")
  void racyVariantIsBounded(String jdk, Path javaHome) throws Exception {
    assumePresent(javaHome);
    TargetService service = service(javaHome, "racy");
    // rounds of 8 concurrent calls from the start, so the unsynchronised check-then-act can race; JFR
    // sees every thread, and no warm-up is needed: the service's HTTP server starts all its threads with
    // it, and its request pool of 4 fills in the first round
    JsonNode json = probe(service, "racy", 0, "--jfr", "--warmup", "0", "--requests", "48", "--concurrency", "8");

    JsonNode verdict = json.path("verdict");
    assertThat(verdict.path("status").asText()).as(verdict.toString()).isEqualTo("BOUNDED");
    assertThat(verdict.path("byKind").path("BatchSpanProcessor").path("status").asText()).isEqualTo("BOUNDED");
    assertThat(verdict.path("sites").toString()).contains("TelemetryWiring$Racy.instance(TelemetryWiring.java:");
    List<String> threadSites = new ArrayList<>();
    json.path("sites").forEach(site -> {
      if (site.path("kind").asText().equals("Thread")) {
        threadSites.add(site.path("site").asText() + " " + site.path("created").asLong());
      }
    });
    assertThat(threadSites).as("threads started during the probe: the request pool's 4, nothing of the server or JFR")
        .singleElement().asString().startsWith("dev.leakgate.harness.service.CreateAgentService.submit(").endsWith(" 4");
  }

  @Test
  void anExecutorServicePerRequestIsALeakOfKindThreadAtTheLineThatStartsIt() throws Exception {
    int line = lineOf("ExecutorPerRequestService.java", "LEAKING LINE");
    Path report = dir.resolve("executor.json");
    try (TargetService service = TargetService.executorPerRequest(JAVA_17)) {
      CliRun run = leakgate("probe", "--pid", service.pid(), "--jfr", "--url", service.url + "/work", "--body", "{}",
          "--warmup", "1", "--requests", "4", "--report", report.toString());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(service.jfrCheck()).doesNotContain(ThreadRecording.NAME);
    }
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    JsonNode verdict = json.path("verdict");
    assertThat(verdict.path("status").asText()).isEqualTo("LEAK");
    assertThat(verdict.path("byKind").path("Thread").path("perRequest").asDouble()).isEqualTo(1.0);
    String site = "dev.leakgate.harness.jfr.ExecutorPerRequestService.handle(ExecutorPerRequestService.java:" + line + ")";
    assertThat(verdict.path("sites").get(0).asText()).isEqualTo(site);
    JsonNode culprit = null;
    for (JsonNode s : json.path("sites")) {
      if (s.path("site").asText().equals(site)) {
        culprit = s;
      }
    }
    assertThat(culprit).isNotNull();
    assertThat(culprit.path("kind").asText()).isEqualTo("Thread");
    assertThat(culprit.path("threads").toString()).contains("pool-*-thread-*");
  }

  @Test
  void aProbeKilledMidRunLeavesNoRecordingBehind() throws Exception {
    TargetService service = service(JAVA_17, "fixed");
    Process probe = new ProcessBuilder(TargetService.java(JAVA_17), "-jar", System.getProperty("leakgate.cli.jar"),
        "probe", "--pid", service.pid(), "--jfr", "--url", service.url + "/create_agent", "--body", BODY,
        "--warmup", "0", "--requests", "500", "--settle", "500")
        .redirectErrorStream(true).redirectOutput(dir.resolve("probe.out").toFile()).start();
    try {
      boolean recording = false;
      for (int i = 0; i < 100 && !recording && probe.isAlive(); i++) {
        recording = service.jfrCheck().contains(ThreadRecording.NAME);
        if (!recording) {
          Thread.sleep(200);
        }
      }
      assertThat(recording).as("the probe's recording in the target; probe said: " + Files.readString(dir.resolve("probe.out"))).isTrue();

      probe.destroy(); // SIGTERM, as a user's Ctrl-C or a CI timeout would
      assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      probe.destroyForcibly();
    }
    assertThat(service.jfrCheck()).doesNotContain(ThreadRecording.NAME);
    assertThat(service.output()).allMatch(line -> SERVICE_OWN_LINE.matcher(line).matches());
  }

  /**
   * The JVM read is stopped (SIGSTOP) mid-probe while the requests go to another service that answers:
   * the probe gives up after about --timeout with one line and exit 2, or on SIGTERM exits as soon, and
   * the recording does not run on once the target runs again.
   */
  @ParameterizedTest(name = "SIGTERM to the probe: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aStoppedTargetEndsTheProbeWithinItsTimeoutAndItsRecordingStopsWhenItResumes(boolean terminate) throws Exception {
    int timeout = 4;
    TargetService stopped = TargetService.reference(JAVA_17, "fixed");
    try {
      probeAStoppedTarget(stopped, terminate, timeout);
      // a stopped JVM cannot be asked to remove anything: once it runs again, the recording's lease
      // (renewed every --timeout while the probe ran) ends it within LEASE_TIMEOUTS timeouts
      String check = stopped.jfrCheck();
      for (int i = 0; i < 5 * (ThreadRecording.LEASE_TIMEOUTS * timeout + 10) && check.contains("(running)"); i++) {
        Thread.sleep(200);
        check = stopped.jfrCheck();
      }
      assertThat(check).as("recordings left running in the target").doesNotContain("(running)");
    } finally {
      stopped.close();
    }
  }

  private void probeAStoppedTarget(TargetService stopped, boolean terminate, int timeout) throws Exception {
    TargetService answering = service(JAVA_17, "fixed");
    Path out = dir.resolve("probe.out");
    Process probe = new ProcessBuilder(TargetService.java(JAVA_17), "-jar", System.getProperty("leakgate.cli.jar"),
        "probe", "--pid", stopped.pid(), "--jfr", "--url", answering.url + "/create_agent", "--body", BODY,
        "--warmup", "0", "--requests", "500", "--settle", "300", "--timeout", String.valueOf(timeout))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      awaitRecording(stopped, probe, out);
      signal("STOP", stopped);
      long start = System.nanoTime();
      if (terminate) {
        probe.destroy();
      }
      // a read that never returns (timeout), then the removal that cannot be answered (timeout), and slack
      assertThat(probe.waitFor(2L * timeout + 10, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      String said = Files.readString(out);
      if (!terminate) {
        assertThat(probe.exitValue()).as(said).isEqualTo(2);
        assertThat(said.lines().filter(line -> line.startsWith("leakgate probe: ")))
            .singleElement().asString().contains("pid " + stopped.pid(), "did not answer", "within " + timeout + " s (--timeout)");
      }
      assertThat(tookMillis).as(said).isLessThan(TimeUnit.SECONDS.toMillis(2L * timeout + 10));
    } finally {
      signal("CONT", stopped);
      probe.destroyForcibly();
    }
  }

  private static void awaitRecording(TargetService service, Process probe, Path out) throws Exception {
    boolean recording = false;
    for (int i = 0; i < 100 && !recording && probe.isAlive(); i++) {
      recording = service.jfrCheck().contains(ThreadRecording.NAME);
      if (!recording) {
        Thread.sleep(200);
      }
    }
    assertThat(recording).as("the probe's recording in the target; probe said: " + Files.readString(out)).isTrue();
  }

  private static void signal(String signal, TargetService service) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, service.pid()).redirectErrorStream(true).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
  }

  @Test
  void aPidThatIsNoJvmIsOneLineAndExitTwo() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      // without --jfr: the check for the agent is what meets the pid first
      CliRun run = leakgate("probe", "--pid", String.valueOf(sleeper.pid()), "--url", "http://127.0.0.1:9/x");

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err().strip()).doesNotContain("\n")
          .startsWith("leakgate probe: cannot attach to pid " + sleeper.pid() + ": it is not a JVM");
      assertThat(run.took()).as("refused at once, not after the JDK's 10 s attach wait").isLessThan(java.time.Duration.ofSeconds(3));
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void aJvmWithoutFlightRecorderIsOneLineAndExitTwo() throws Exception {
    // -XX:-FlightRecorder no longer disables JFR on 17 or 25, and --limit-modules leaves its MBean in:
    // a runtime image without the jdk.jfr module is a JVM that really has no Flight Recorder
    Path jlink = JAVA_17.resolve("bin").resolve("jlink");
    assumeTrue(Files.isExecutable(jlink) && Files.isDirectory(JAVA_17.resolve("jmods")), "no jlink or jmods in " + JAVA_17);
    Path image = dir.resolve("no-jfr");
    Process link = new ProcessBuilder(jlink.toString(), "--add-modules", "java.base,jdk.httpserver,jdk.management.agent",
        "--no-header-files", "--no-man-pages", "--output", image.toString()).redirectErrorStream(true).start();
    String linked = new String(link.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(link.waitFor(60, TimeUnit.SECONDS) && link.exitValue() == 0).as(linked).isTrue();

    try (TargetService service = TargetService.executorPerRequest(image)) {
      CliRun run = leakgate("probe", "--pid", service.pid(), "--jfr", "--url", service.url + "/work", "--requests", "2");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
      assertThat(run.err().strip()).doesNotContain("\n").contains("pid " + service.pid() + " has no JDK Flight Recorder");
    }
  }

  @Test
  void aTargetThatExitsMidProbeIsOneLineAndExitTwo() throws Exception {
    TargetService service = TargetService.reference(JAVA_17, "fixed");
    try {
      Thread killer = new Thread(() -> {
        try {
          for (int i = 0; i < 100 && !service.jfrCheck().contains(ThreadRecording.NAME); i++) {
            Thread.sleep(200);
          }
          service.process.destroyForcibly();
        } catch (Exception e) {
          service.process.destroyForcibly();
        }
      });
      killer.start();
      CliRun run = leakgate("probe", "--pid", service.pid(), "--jfr", "--url", service.url + "/create_agent", "--body", BODY,
          "--warmup", "0", "--requests", "500");
      killer.join(30_000);

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
      assertThat(run.err().strip()).doesNotContain("\n").startsWith("leakgate probe: ");
    } finally {
      service.close();
    }
  }

  private static Schema publishedSchema() throws Exception {
    try (InputStream in = Report.class.getResourceAsStream("/leakgate-report-1.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    }
  }

  private static int lineOf(String file, String marker) throws Exception {
    Path source = Path.of("src/test/java/dev/leakgate/harness/jfr", file);
    List<String> lines = Files.readAllLines(source);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalStateException(marker + " not found in " + source);
  }
}
