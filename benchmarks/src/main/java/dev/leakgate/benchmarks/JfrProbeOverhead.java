package dev.leakgate.benchmarks;

import dev.leakgate.harness.jfr.JfrThreadRegistry;
import dev.leakgate.harness.registry.JmxRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does {@code leakgate probe}'s JFR source cost the service it reads?
 *
 * <p>{@code POST /create_agent} against the {@code fixed} service in this fork, which is also the
 * probed JVM. Iterations alternate without and with the probe's recording running (thread start
 * with stacks, thread end; started as the probe starts it, through the FlightRecorder MXBean over a
 * loopback JMX connection) in blocks of on-off-off-on, so load from the rest of a shared machine
 * falls on both alike and a throughput still climbing with the JIT favours neither. The long
 * warm-up is needed: this service's throughput climbs for about ten seconds. The secondary scores
 * count requests in each half: read
 * {@code withRecording} ÷ {@code withoutRecording}, target ≥ 0.98. {@code probe=polled} also reads
 * the recording every 20 ms, as the probe does while it waits for counts to settle (a snapshot at
 * most every 200 ms); the probe's parsing then runs in this JVM, so that is the worst case.
 */
@Fork(3)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 12, time = 1)
public class JfrProbeOverhead {

  /** One request to the {@code fixed} service, counted for the half it ran in. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int fixedRequest(AgentOverhead.FixedService service, Probe probe, Requests requests)
      throws IOException, InterruptedException {
    int status = service.client.createAgent();
    if (probe.recording) {
      requests.withRecording++;
    } else {
      requests.withoutRecording++;
    }
    return status;
  }

  /** Requests per half; JMH sums them over the measured iterations, six of each. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Requests {
    /** Requests while the recording ran. */
    public long withRecording;
    /** Requests while it did not. */
    public long withoutRecording;

    /** Counts per iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      withRecording = 0;
      withoutRecording = 0;
    }
  }

  /** The probe's recording of this JVM, running in half the iterations. */
  @State(Scope.Benchmark)
  public static class Probe {
    /** {@code recording}: the recording alone; {@code polled}: also read every 20 ms. */
    @Param({"recording", "polled"})
    public String probe;

    /** The Sampler's poll interval while it settles. */
    private static final long POLL_MILLIS = 20;

    volatile boolean recording;
    private int iteration;
    private JMXConnectorServer jmx;
    private JfrThreadRegistry registry;
    private ScheduledExecutorService poller;

    /** A loopback JMX server on this JVM's platform MBeans, as the local management agent gives the probe. */
    @Setup(Level.Trial)
    public void startJmx() throws IOException {
      jmx = JMXConnectorServerFactory.newJMXConnectorServer(
          new JMXServiceURL("service:jmx:rmi://127.0.0.1"), null, ManagementFactory.getPlatformMBeanServer());
      jmx.start();
    }

    /** Iterations run on, off, off, on, on, off, off, on, ... (a one-iteration smoke records). */
    @Setup(Level.Iteration)
    public void toggle() {
      recording = OnOffOffOn.on(iteration++);
      if (recording) {
        registry = JfrThreadRegistry.ofUrl(jmx.getAddress().toString(), JmxRegistry.DEFAULT_TIMEOUT);
        if (probe.equals("polled")) {
          poller = Executors.newSingleThreadScheduledExecutor();
          poller.scheduleWithFixedDelay(registry::lifecycle, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
      }
    }

    /** Stops the polling and removes the recording. */
    @TearDown(Level.Iteration)
    public void stopRecording() throws InterruptedException {
      if (poller != null) {
        poller.shutdownNow();
        poller.awaitTermination(10, TimeUnit.SECONDS);
        poller = null;
      }
      if (registry != null) {
        registry.close();
        registry = null;
      }
    }

    /** Closes the JMX server. */
    @TearDown(Level.Trial)
    public void stopJmx() throws IOException {
      jmx.stop();
    }
  }
}
