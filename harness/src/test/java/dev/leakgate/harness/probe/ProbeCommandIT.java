package dev.leakgate.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.harness.cli.CliRun;
import dev.leakgate.harness.cli.LeakGateCli;
import dev.leakgate.harness.jfr.ExecutorPerRequestService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakgate probe} against a reference service running in a separate JVM, found by pid. */
class ProbeCommandIT {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
  private static final String BODY = "{\"agent\":{\"id\":\"cli-it\"}}";

  @TempDir Path dir;

  /** A service JVM: {@code java -jar leakgate.jar serve} carries the agent; {@code -cp ... LeakGateCli serve} does not. */
  private static final class Service implements AutoCloseable {
    final Process process;
    final String url;

    Service(boolean withAgent, String variant) throws Exception {
      this(referenceService(withAgent, variant));
    }

    /** Any service that prints where it listens, started with {@code cmd}. */
    Service(List<String> cmd) throws Exception {
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String found = null;
      for (int i = 0; i < 200 && found == null; i++) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          found = m.group(1);
        }
      }
      if (found == null) {
        process.destroyForcibly();
        throw new IllegalStateException("the service did not say where it listens");
      }
      url = found;
      Thread drain = new Thread(() -> {
        try {
          while (out.readLine() != null) {
            // keep the pipe empty so the service never blocks on its log
          }
        } catch (Exception ignored) {
          // the service stopped
        }
      });
      drain.setDaemon(true);
      drain.start();
    }

    private static List<String> referenceService(boolean withAgent, String variant) {
      String jar = System.getProperty("leakgate.cli.jar");
      List<String> cmd = new ArrayList<>(List.of(java()));
      if (withAgent) {
        cmd.addAll(List.of("-jar", jar));
      } else {
        cmd.addAll(List.of("-cp", jar, LeakGateCli.class.getName()));
      }
      cmd.addAll(List.of("serve", "--variant", variant, "--port", "0"));
      return cmd;
    }

    String pid() {
      return String.valueOf(process.pid());
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static CliRun leakgate(String... args) {
    return CliRun.of(args);
  }

  @Test
  void probeByPidOnLeakyPrintsALeakOfFourPerRequestWritesTheReportAndExitsOne() throws Exception {
    Path report = dir.resolve("out/leaky.json");
    try (Service service = new Service(true, "leaky")) {
      CliRun run = leakgate("probe", "--pid", service.pid(), "--url", service.url + "/create_agent", "--body", BODY,
          "--warmup", "1", "--requests", "4", "--report", report.toString());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.out()).contains("LEAK, 4.00 live per request", "Agent.<init>(Agent.java:", "gate: FAILED", "build telemetry once at start-up");
    }
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    assertThat(json.path("verdict").path("status").asText()).isEqualTo("LEAK");
    assertThat(json.path("verdict").path("byKind").path("BatchSpanProcessor").path("perRequest").asDouble()).isEqualTo(4.0);
    assertThat(json.path("samples").size()).isEqualTo(6);
  }

  @Test
  void probeByPidOnFixedPassesWithExitZero() throws Exception {
    try (Service service = new Service(true, "fixed")) {
      CliRun run = leakgate("probe", "--pid", service.pid(), "--url", service.url + "/create_agent", "--body", BODY, "--requests", "4");

      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("CLEAN", "gate: PASSED");
    }
  }

  @Test
  void attachLoadsTheAgentIntoAJvmWithoutIt() throws Exception {
    // without --attach such a JVM is read through JFR instead: JfrProbeIT
    try (Service service = new Service(false, "leaky")) {
      CliRun attached = leakgate("probe", "--pid", service.pid(), "--attach", "--url", service.url + "/create_agent", "--body", BODY,
          "--warmup", "1", "--requests", "3");
      assertThat(attached.exit()).as(attached.out() + attached.err()).isEqualTo(1);
      assertThat(attached.out()).contains("LEAK");
    }
  }

  @Test
  void attachToAServiceThatNeverOpensAScopeFindsAThreadPoolPerRequestAtItsLine() throws Exception {
    Path report = dir.resolve("pools.json");
    String classes = Path.of(ExecutorPerRequestService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    try (Service service = new Service(List.of(java(), "-cp", classes, ExecutorPerRequestService.class.getName()))) {
      CliRun run = leakgate("probe", "--pid", service.pid(), "--attach", "--url", service.url + "/work",
          "--body", "{}", "--warmup", "1", "--requests", "4", "--report", report.toString());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.out()).contains("shut the pool down (shutdown/close) or build it once");
    }
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    JsonNode verdict = json.path("verdict");
    assertThat(verdict.path("status").asText()).isEqualTo("LEAK");
    assertThat(verdict.path("byKind").path("ThreadPoolExecutor").path("perRequest").asDouble()).isEqualTo(1.0);
    assertThat(verdict.path("byKind").has("Thread")).as("the pools' workers are the pools'").isFalse();
    assertThat(verdict.path("sites").get(0).asText()).isEqualTo("dev.leakgate.harness.jfr.ExecutorPerRequestService.handle("
        + "ExecutorPerRequestService.java:" + executorLeakLine() + ")");
  }

  private static int executorLeakLine() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/leakgate/harness/jfr/ExecutorPerRequestService.java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("Executors.newFixedThreadPool(1)")) {
        return i + 1;
      }
    }
    throw new IllegalStateException("no pool built in ExecutorPerRequestService.java");
  }

  @Test
  void attachFromTheCliJarLoadsTheThinAgentAndFindsTheLeakAtItsLine() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("probe-tmp"));
    try (Service service = new Service(false, "leaky")) {
      Process probe = new ProcessBuilder(java(),
          "-Djava.io.tmpdir=" + tmp, "-jar", System.getProperty("leakgate.cli.jar"),
          "probe", "--pid", service.pid(), "--attach", "--url", service.url + "/create_agent", "--body", BODY,
          "--warmup", "1", "--requests", "3").redirectErrorStream(true).start();
      String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(probe.exitValue()).as(out).isEqualTo(1);
      assertThat(out).contains("LEAK, 4.00 live per request", "dev.leakgate.harness.service.Agent.<init>(Agent.java:" + leakLine() + ")");
    }
    try (var left = Files.list(tmp)) {
      assertThat(left).as("the private copy of the agent jar is gone").isEmpty();
    }
  }

  /** The line of the reference service's leak: the processor built in Agent's constructor. */
  private static int leakLine() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("src/main/java/dev/leakgate/harness/service/Agent.java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("BatchSpanProcessor.builder(exporter)")) {
        return i + 1;
      }
    }
    throw new IllegalStateException("no processor built in Agent.java");
  }

  @Test
  void aJvmThatIsGoneIsAClearErrorWithExitTwo() throws Exception {
    Process gone = new ProcessBuilder(java(), "-version")
        .redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor(30, TimeUnit.SECONDS);

    CliRun run = leakgate("probe", "--pid", String.valueOf(gone.pid()), "--url", "http://127.0.0.1:9/x");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("cannot attach to pid " + gone.pid());
  }

  @Test
  void aUrlNobodyAnswersIsAClearErrorWithExitTwo() throws Exception {
    try (Service service = new Service(true, "fixed")) {
      int closedPort;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        closedPort = s.getLocalPort();
      }
      CliRun run = leakgate("probe", "--pid", service.pid(), "--url", "http://127.0.0.1:" + closedPort + "/create_agent", "--body", BODY);

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).contains("nothing answers at http://127.0.0.1:" + closedPort);
    }
  }

  @Test
  void aUrlThatIsNotHttpIsAUsageErrorWithExitTwo() {
    CliRun run = leakgate("probe", "--pid", "1", "--url", "ftp://example/x");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("'ftp://example/x' is not an http(s) URL");
  }

  @Test
  void pidAndJmxTogetherAreAUsageError() {
    CliRun run = leakgate("probe", "--pid", "1", "--jmx", "service:jmx:rmi:///x", "--url", "http://127.0.0.1:1/x");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
  }
}
