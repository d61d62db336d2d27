package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;
import dev.leakgate.agent.AgentMain;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.AttachTarget;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar leakgate-agent.jar attach PID} loads the agent into a running JVM. */
class AttachIT {
  @TempDir Path dir;

  @Test
  void attachCountsWhatIsBuiltAfterwardsAndTheComponentsBuiltBeforeAsPreExisting() throws Exception {
    Path report = dir.resolve("attached.json");
    String targetErr;
    Process target = new ForkedJvm()
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current")))
        .start(AttachTarget.class.getName());
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      assertThat(ready).startsWith("ready ");
      String pid = ready.substring("ready ".length());

      Process attach = new ProcessBuilder(ForkedJvm.java(), "-jar", ForkedJvm.agentJar().toString(),
          "attach", pid, "report=" + report + ",log=quiet").redirectErrorStream(true).start();
      ForkedJvm.Result attached = ForkedJvm.Result.of(attach);
      assertThat(attached.exitCode()).as(attached.out()).isZero();
      assertThat(attached.out()).contains("agent loaded into pid " + pid);

      OutputStream in = target.getOutputStream();
      in.write("go\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      assertThat(out.readLine()).isEqualTo("done 5");
      assertThat(target.waitFor(60, TimeUnit.SECONDS)).isTrue();
      targetErr = new String(target.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      target.destroyForcibly();
    }

    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    JsonNode bsp = json.path("components").path("BatchSpanProcessor");
    assertThat(bsp.path("created").asLong()).as("two before attach, three after").isEqualTo(5);
    assertThat(bsp.path("live").asLong()).isEqualTo(5);
    int after = SourceLines.lineOf(AttachTarget.class, "AFTER-ATTACH");
    assertThat(json.path("sites").get(0).path("site").asText()).endsWith("(AttachTarget.java:" + after + ")");
    assertThat(json.path("sites").get(0).path("created").asLong()).isEqualTo(3);
    JsonNode before = json.path("sites").get(1);
    assertThat(before.path("site").asText()).isEqualTo("built before LeakGate started");
    assertThat(before.path("created").asLong()).isEqualTo(2);
    assertThat(before.path("liveThreads").asLong()).as("each found through its worker thread").isEqualTo(2);
    JsonNode pre = json.path("preExistingThreads");
    assertThat(pre.size()).isEqualTo(2);
    assertThat(pre.get(0).path("name").asText()).isEqualTo("BatchSpanProcessor_WorkerThread-1");
    assertThat(pre.get(0).path("kind").asText()).isEqualTo("BatchSpanProcessor");
    assertThat(targetErr.lines().filter(l -> l.startsWith("leakgate: ")).toList()).containsExactly(
        "leakgate: 2 OpenTelemetry components were built before LeakGate was attached (2 BatchSpanProcessor):"
            + " counted as pre-existing, their creating lines unknown; for full creating lines start the JVM with"
            + " LeakGate's -javaagent, before any other agent");
  }

  @Test
  void jmxOnIntoAJvmThatRunsTheAgentRegistersTheMBeanThere() throws Exception {
    Process target = ForkedJvm.withTestClassesAndCurrentSdk().agent("log=quiet").start(AttachTarget.class.getName());
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
      String pid = out.readLine().substring("ready ".length());

      ForkedJvm.Result plain = attach("attach", pid);
      assertThat(plain.out()).contains("is already active in pid " + pid).doesNotContain("MBean");
      assertThat(systemProperty(pid, AgentMain.JMX_PROPERTY)).isNull();
      ForkedJvm.Result jmx = attach("attach", pid, "jmx=on");
      assertThat(jmx.exitCode()).as(jmx.out()).isZero();
      assertThat(jmx.out()).contains("is already active in pid " + pid + "; MBean registered (JMX dev.leakgate:type=Registry)");
      assertThat(systemProperty(pid, AgentMain.JMX_PROPERTY)).as("set by the registration itself").isEqualTo("dev.leakgate:type=Registry");
    } finally {
      target.destroyForcibly();
      target.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static String systemProperty(String pid, String key) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      return vm.getSystemProperties().getProperty(key);
    } finally {
      vm.detach();
    }
  }

  @Test
  void aPidThatIsNotANumberIsAUsageErrorWithExitTwo() throws Exception {
    ForkedJvm.Result result = attach("attach", "12ab");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).contains("'12ab' is not a process id");
  }

  @Test
  void aBadAgentOptionIsRejectedBeforeAttaching() throws Exception {
    ForkedJvm.Result result = attach("attach", "1", "stackDepth=-4");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).contains("option 'stackDepth' must be a whole number");
  }

  @Test
  void helpExplainsTheCommandAndItsExitCodes() throws Exception {
    ForkedJvm.Result result = attach("--help");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: java -jar leakgate-agent.jar attach <pid> [options]", "Exit codes: 0");
  }

  private static ForkedJvm.Result attach(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(ForkedJvm.java(), "-jar", ForkedJvm.agentJar().toString()));
    cmd.addAll(List.of(args));
    return ForkedJvm.Result.of(new ProcessBuilder(cmd).redirectErrorStream(true).start());
  }

  @Test
  void aJvmThatIsGoneFailsWithExitThree() throws Exception {
    Process gone = new ProcessBuilder(ForkedJvm.java(), "-version").redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor(30, TimeUnit.SECONDS);
    Process attach = new ProcessBuilder(ForkedJvm.java(), "-jar", ForkedJvm.agentJar().toString(), "attach", String.valueOf(gone.pid()))
        .redirectErrorStream(true).start();
    ForkedJvm.Result result = ForkedJvm.Result.of(attach);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(List.of(result.out().split("\\R"))).anyMatch(l -> l.startsWith("leakgate-agent: cannot attach to pid " + gone.pid()));
  }
}
