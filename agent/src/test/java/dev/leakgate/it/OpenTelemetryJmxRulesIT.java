package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.LeaksAndWaits;
import dev.leakgate.it.support.ForkedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docs/otel-jmx.yaml} as a user runs it: the OpenTelemetry Java agent's JMX Metric Insight
 * beside LeakGate ({@code jmx=on}) turns the per-kind MBeans into four metrics with a kind
 * attribute and no other, here read from its console exporter, on JDK 17 and 25.
 */
class OpenTelemetryJmxRulesIT {
  private static final Path RULES = Path.of(System.getProperty("leakgate.docs", "../docs"), "otel-jmx.yaml");
  private static final int BUILT = 5;
  private static final long WAIT_MILLIS = 60_000;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void theRulesGiveLiveCreationsShutdownsAndThreadsPerKindWithAKindAttributeOnly(String jdk) throws Exception {
    ForkedJvm jvm = ForkedJvm.onJdk(jdk).testClassesAndCurrentSdk();
    assertThat(RULES).exists();
    Process process = jvm.agent("log=quiet,jmx=on")
        .jvmArg("-javaagent:" + System.getProperty("leakgate.otel.javaagent"))
        .jvmArg("-Dotel.jmx.config=" + RULES.toAbsolutePath())
        .jvmArg("-Dotel.metrics.exporter=console")
        .jvmArg("-Dotel.traces.exporter=none")
        .jvmArg("-Dotel.logs.exporter=none")
        .jvmArg("-Dotel.metric.export.interval=500")
        .jvmArg("-Dotel.jmx.discovery.delay=100")
        .start(LeaksAndWaits.class.getName(), String.valueOf(BUILT), String.valueOf(WAIT_MILLIS));
    List<String> lines = new CopyOnWriteArrayList<>();
    drain(process.getInputStream(), lines);
    drain(process.getErrorStream(), lines);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
      while (System.nanoTime() < deadline && !allFour(lines) && process.isAlive()) {
        Thread.sleep(100);
      }
      assertThat(value(lines, "leakgate.components.live", "BatchSpanProcessor")).as(String.join("\n", lines)).isEqualTo(BUILT - 1);
      assertThat(value(lines, "leakgate.component.creations", "BatchSpanProcessor")).isEqualTo(BUILT);
      assertThat(value(lines, "leakgate.component.shutdowns", "BatchSpanProcessor")).isEqualTo(1);
      assertThat(value(lines, "leakgate.component.threads.live", "BatchSpanProcessor")).isBetween((long) BUILT - 1, (long) BUILT);
      assertThat(lines.stream().filter(line -> line.contains("name=leakgate."))).allSatisfy(line ->
          assertThat(attributeSets(line)).as("attributes of " + line).isNotEmpty().allMatch(set -> set.matches("\\{kind=\"\\w+\"}")));
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static boolean allFour(List<String> lines) {
    return value(lines, "leakgate.components.live", "BatchSpanProcessor") == BUILT - 1
        && value(lines, "leakgate.component.creations", "BatchSpanProcessor") == BUILT
        && value(lines, "leakgate.component.shutdowns", "BatchSpanProcessor") == 1
        && value(lines, "leakgate.component.threads.live", "BatchSpanProcessor") >= BUILT - 1;
  }

  /** The last exported value of {@code metric} for {@code kind}, or -1. */
  private static long value(List<String> lines, String metric, String kind) {
    Pattern point = Pattern.compile("attributes=\\{kind=\"" + kind + "\"}, value=(\\d+)");
    long value = -1;
    for (String line : lines) {
      if (line.contains("name=" + metric + ",")) {
        Matcher m = point.matcher(line);
        if (m.find()) {
          value = Long.parseLong(m.group(1));
        }
      }
    }
    return value;
  }

  private static List<String> attributeSets(String line) {
    return Pattern.compile("PointData\\{[^}]*?attributes=(\\{[^}]*})").matcher(line).results().map(m -> m.group(1)).toList();
  }

  private static void drain(InputStream stream, List<String> lines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the JVM ended
      }
    }, "drain");
    reader.setDaemon(true);
    reader.start();
  }
}
