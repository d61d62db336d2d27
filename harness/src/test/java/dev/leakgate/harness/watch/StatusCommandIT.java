package dev.leakgate.harness.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.harness.Jdks;
import dev.leakgate.harness.cli.CliRun;
import dev.leakgate.harness.registry.TargetJvm;
import dev.leakgate.harness.jfr.TargetService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code leakgate status}: one read of the reference service's leaky variant running the agent,
 * with no request of its own, by pid and by JMX URL, on JDK 17 and 25; exit 1 over an {@code --alarm} rule.
 */
class StatusCommandIT {
  private static final int REQUESTS = 2;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.leakgate.harness.Jdks#both")
  void statusNamesTheLiveProcessorsAndTheirLinesAndExitsOneOnlyOverAnAlarmRule(String jdk, Path javaHome) throws Exception {
    Jdks.assumePresent(javaHome);
    try (TargetService service = TargetService.reference(javaHome, "leaky",
        "-javaagent:" + System.getProperty("leakgate.agent.jar") + "=log=quiet,jmx=on,alarm=BatchSpanProcessor>2")) {
      for (int i = 1; i <= REQUESTS; i++) {
        ServiceCalls.createAgent(service.url);
        // one call's work at a time, so the alarm fires at the same counts every run
        int done = i;
        assertThat(ServiceCalls.await(() -> tasksCompleted(service) == done, Duration.ofSeconds(30))).isTrue();
      }

      CliRun over = CliRun.of("status", "--pid", service.pid(), "--alarm", "BatchSpanProcessor>7;live>100");
      assertThat(over.exit()).as(over.out() + over.err()).isEqualTo(1);
      assertThat(over.out())
          .containsPattern("BatchSpanProcessor +- +8 +0 +8 +8")
          .contains("dev.leakgate.harness.service.Agent.<init>(Agent.java:", "dev.leakgate.harness.service.Task.<init>(Task.java:",
              "dev.leakgate.harness.service.Crew.<init>(Crew.java:", "dev.leakgate.harness.service.LlmClient.<init>(LlmClient.java:")
          .contains("Alarm rules of the agent:\n  BatchSpanProcessor>2: 8 live, over, fired 2 times (last at 6 live), next at 12 live")
          .contains("  OVER BatchSpanProcessor>7: 8 live BatchSpanProcessor", "  ok   live>100: 16 live components",
              "status: FAILED (1 of 2 --alarm rules over)");

      CliRun under = CliRun.of("status", "--pid", service.pid(), "--alarm", "BatchSpanProcessor>8");
      assertThat(under.exit()).as(under.out() + under.err()).isZero();
      assertThat(under.out()).contains("  ok   BatchSpanProcessor>8: 8 live BatchSpanProcessor", "status: OK (no --alarm rule over)");

      String url;
      try (TargetJvm jvm = TargetJvm.attach(Long.parseLong(service.pid()), java.time.Duration.ofSeconds(30))) {
        url = jvm.localJmxAddress();
      }
      CliRun byUrl = CliRun.of("status", "--jmx", url);
      assertThat(byUrl.exit()).as(byUrl.out() + byUrl.err()).isZero();
      assertThat(byUrl.out()).containsPattern("BatchSpanProcessor +- +8 +0 +8 +8").doesNotContain("--alarm rules");

      assertThat(service.output()).as("what the service printed")
          .anySatisfy(line -> assertThat(line).startsWith("leakgate: alarm BatchSpanProcessor>2: 3 live BatchSpanProcessor"))
          .noneSatisfy(line -> assertThat(line).contains("WARNING"));
    }
  }

  private static long tasksCompleted(TargetService service) {
    try {
      String health = ServiceCalls.get(service.url + "/healthz");
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"tasksCompleted\":(\\d+)").matcher(health);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Test
  void aJvmWithoutTheAgentIsOneLineAndExitTwo() throws Exception {
    try (TargetService plain = TargetService.executorPerRequest(Jdks.JAVA_17)) {
      CliRun run = CliRun.of("status", "--pid", plain.pid());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
      assertThat(run.err()).isEqualTo("leakgate status: pid " + plain.pid() + " runs no LeakGate agent: start it with"
          + " -javaagent:leakgate-agent.jar (leakgate probe --pid reads a JVM without it, from JDK Flight Recorder)" + System.lineSeparator());
    }
  }

  @Test
  void aBadAlarmRuleIsAUsageErrorNamingItWithExitTwo() {
    CliRun run = CliRun.of("status", "--pid", "1", "--alarm", "BatchSpanProcesor>7");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--alarm rule 'BatchSpanProcesor>7' is not KIND>N or live>N, N a whole number from 0 to 1000000000,"
        + " KIND one of BatchSpanProcessor,").contains("Try 'leakgate status --help' for the options.");
  }

  @Test
  void aPidThatIsNoJvmIsOneLineAndExitTwo() throws Exception {
    Process gone = new ProcessBuilder(Jdks.JAVA_17.resolve("bin/java").toString(), "-version").redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor();

    CliRun run = CliRun.of("status", "--pid", String.valueOf(gone.pid()));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("leakgate status: cannot attach to pid " + gone.pid());
  }
}
