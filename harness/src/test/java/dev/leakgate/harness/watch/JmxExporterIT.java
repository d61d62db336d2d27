package dev.leakgate.harness.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.harness.Jdks;
import dev.leakgate.harness.jfr.TargetService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real Prometheus {@code jmx_prometheus_javaagent} (1.0.1, from Maven Central) with
 * {@code docs/jmx-exporter.yaml}, beside the agent in the reference service's leaky variant: its
 * HTTP endpoint shows the live processor count grow by four per request, labelled by kind only.
 */
class JmxExporterIT {
  private static final Path RULES = Path.of(System.getProperty("leakgate.docs", "../docs"), "jmx-exporter.yaml");
  private static final Pattern LIVE_PROCESSORS = Pattern.compile("(?m)^leakgate_components_live\\{kind=\"BatchSpanProcessor\",?} (\\S+)$");
  private static final int REQUESTS = 3;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.leakgate.harness.Jdks#both")
  void theExporterShowsTheLiveProcessorCountGrowingFourPerRequestWithAKindLabelOnly(String jdk, Path javaHome) throws Exception {
    Jdks.assumePresent(javaHome);
    int port = freePort();
    try (TargetService service = TargetService.reference(javaHome, "leaky",
        "-javaagent:" + System.getProperty("leakgate.agent.jar") + "=log=quiet,jmx=on",
        "-javaagent:" + System.getProperty("leakgate.jmx.exporter") + "=127.0.0.1:" + port + ":" + RULES.toAbsolutePath())) {
      String metrics = "http://127.0.0.1:" + port + "/metrics";
      List<Long> live = new ArrayList<>();
      live.add(liveProcessors(metrics));
      for (int i = 1; i <= REQUESTS; i++) {
        ServiceCalls.createAgent(service.url);
        long expected = 4L * i;
        // the service builds the processors on its pool after answering: wait for the exporter to show them
        boolean reached = ServiceCalls.await(() -> liveProcessorsOrMinusOne(metrics) >= expected, Duration.ofSeconds(30));
        assertThat(reached).as("live processors reached " + expected + "; last scrape:\n" + ServiceCalls.get(metrics)).isTrue();
        live.add(liveProcessors(metrics));
      }
      assertThat(live).containsExactly(0L, 4L, 8L, 12L);

      String[] lastScrape = {""};
      // live threads come from a snapshot the agent reuses for up to 100 ms, so a scrape may lag a moment
      ServiceCalls.await(() -> (lastScrape[0] = scrapeOrEmpty(metrics)).contains("leakgate_component_threads_live{kind=\"BatchSpanProcessor\"} 12.0"),
          Duration.ofSeconds(30));
      String scrape = lastScrape[0];
      assertThat(scrape).contains("leakgate_component_creations_total{kind=\"BatchSpanProcessor\"} 12.0",
          "leakgate_component_shutdowns_total{kind=\"BatchSpanProcessor\"} 0.0",
          "leakgate_component_threads_live{kind=\"BatchSpanProcessor\"} 12.0");
      assertThat(scrape.lines().filter(line -> line.startsWith("leakgate_")))
          .as("every LeakGate sample has the kind label and no other").isNotEmpty()
          .allMatch(line -> line.matches("leakgate_[a-z_]+\\{kind=\"\\w+\",?} \\S+"));
    }
  }

  private static String scrapeOrEmpty(String metrics) {
    try {
      return ServiceCalls.get(metrics);
    } catch (Exception e) {
      return "";
    }
  }

  private static long liveProcessorsOrMinusOne(String metrics) {
    try {
      return liveProcessors(metrics);
    } catch (Exception e) {
      return -1;
    }
  }

  private static long liveProcessors(String metrics) throws IOException, InterruptedException {
    String scrape = ServiceCalls.get(metrics);
    Matcher m = LIVE_PROCESSORS.matcher(scrape);
    if (!m.find()) {
      throw new IllegalStateException("no leakgate_components_live{kind=\"BatchSpanProcessor\"} in:\n" + scrape);
    }
    return (long) Double.parseDouble(m.group(1));
  }

  /** A port free a moment ago: the exporter takes a port number, not 0. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
