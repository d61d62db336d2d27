package dev.leakgate.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does watching in production add to the agent, for a service that builds its telemetry once?
 *
 * <p>{@code POST /create_agent} against the {@code fixed} service in this fork, which runs the agent
 * with an {@code alarm=} rule. Iterations alternate watched and not in blocks of on-off-off-on (as
 * {@link JfrProbeOverhead} does), so load from the rest of a shared machine falls on both alike:
 * "on" runs a JDK Flight Recorder recording of LeakGate's three events and nothing else of JFR
 * ({@code LiveComponents} every second). The secondary scores count requests in each half: read
 * {@code withRecording} ÷ {@code withoutRecording}, target ≥ 0.98. (The agent's own share, with ÷
 * without it, is {@link AgentOverhead}'s; across JVMs, which this machine's load makes noisy,
 * {@code benchmarks/agent-overhead-pairs.sh PAIRS watched} pairs the whole
 * against no agent.)
 */
@Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT_AND_ALARM)
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 12, time = 1)
public class WatchOverhead {
  /** LeakGate's events, as a user enables them. */
  private static final String[] EVENTS = {"dev.leakgate.ComponentCreated", "dev.leakgate.ComponentShutdown"};
  private static final String PERIODIC = "dev.leakgate.LiveComponents";

  /** One request to the {@code fixed} service, counted for the half it ran in. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int fixedRequest(AgentOverhead.FixedService service, Watch watch, JfrProbeOverhead.Requests requests)
      throws IOException, InterruptedException {
    int status = service.client.createAgent();
    if (watch.recording) {
      requests.withRecording++;
    } else {
      requests.withoutRecording++;
    }
    return status;
  }

  /** A recording of LeakGate's events, running in half the iterations. */
  @State(Scope.Benchmark)
  public static class Watch {
    volatile boolean recording;
    private int iteration;
    private Recording current;

    /** Checks the agent runs. */
    @Setup(Level.Trial)
    public void requireAgent() {
      Agent.require();
    }

    /** Iterations run on, off, off, on, on, off, off, on, ... (a one-iteration smoke records). */
    @Setup(Level.Iteration)
    public void toggle() {
      recording = OnOffOffOn.on(iteration++);
      if (recording) {
        current = new Recording();
        for (String event : EVENTS) {
          current.enable(event);
        }
        current.enable(PERIODIC).withPeriod(Duration.ofSeconds(1));
        current.start();
      }
    }

    /** Stops and drops the recording. */
    @TearDown(Level.Iteration)
    public void stopRecording() {
      if (current != null) {
        current.stop();
        current.close();
        current = null;
      }
    }

    /** Fails the trial unless the agent registered its events, so "watched" was watched. */
    @TearDown(Level.Trial)
    public void requireEvents() {
      boolean registered = Settle.until(() -> FlightRecorder.getFlightRecorder().getEventTypes().stream()
          .anyMatch(type -> type.getName().equals(PERIODIC)), Duration.ofSeconds(30));
      if (!registered) {
        throw new IllegalStateException("the agent registered no " + PERIODIC + " event in this fork");
      }
    }
  }
}
