package dev.leakgate.benchmarks;

import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.DiscardingSpanExporter;
import dev.leakgate.harness.service.Variant;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
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
 * What does the LeakGate agent cost a running service, once it is warm?
 *
 * <p>Each question has a pair of benchmarks that differ only in the fork's JVM options: the
 * {@code WithAgent} one starts with {@code -javaagent} (the benchmarks jar carries the agent), the
 * other without. Read them as ratios, with agent ÷ without, from the same run:
 * <ul>
 *   <li>{@code processorBuildShutdown*} (µs per op, lower is better): build a {@code BatchSpanProcessor}
 *       and shut it down, which the agent records twice (creation with its call site, shutdown).
 *       Target: ratio ≤ 1.10;
 *   <li>{@code fixedRequest*} (requests/s, higher is better): {@code POST /create_agent} against the
 *       {@code fixed} service, whose SDK is built once, so the agent has nothing to record per request.
 *       Target: ratio ≥ 0.99. {@code fixedRequestWatched} adds what production watching adds: an
 *       {@code alarm=} rule and a recording of LeakGate's JDK Flight Recorder events (and only those,
 *       {@code LiveComponents} every second). Target: watched ÷ without ≥ 0.98.
 * </ul>
 * Three forks per benchmark, so one noisy fork on a shared machine does not decide a ratio. The
 * one-time cost when the first SDK class loads is not here: see {@link Startup}.
 */
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentOverhead {

  /** One processor built and shut down, without the agent. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public BatchSpanProcessor processorBuildShutdown(Exporter exporter) {
    return buildAndShutDown(exporter);
  }

  /** One processor built and shut down, with the agent. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT)
  public BatchSpanProcessor processorBuildShutdownWithAgent(Exporter exporter) {
    return buildAndShutDown(exporter);
  }

  /** One request to the {@code fixed} service, without the agent. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int fixedRequest(FixedService service) throws IOException, InterruptedException {
    return service.client.createAgent();
  }

  /** One request to the {@code fixed} service, with the agent. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT)
  public int fixedRequestWithAgent(FixedService service) throws IOException, InterruptedException {
    return service.client.createAgent();
  }

  /** One request to the {@code fixed} service, with the agent, an alarm rule and a recording of LeakGate's events. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(value = 3, jvmArgsAppend = {BuildPaths.WITH_AGENT_AND_ALARM, BuildPaths.RECORDING_LEAKGATE_EVENTS})
  public int fixedRequestWatched(FixedService service, LeakGateEventsRecorded recorded) throws IOException, InterruptedException {
    return service.client.createAgent();
  }

  private static BatchSpanProcessor buildAndShutDown(Exporter exporter) {
    BatchSpanProcessor processor = BatchSpanProcessor.builder(exporter.exporter).build();
    processor.shutdown().join(10, TimeUnit.SECONDS);
    return processor;
  }

  /** Fails the trial unless a recording runs and LeakGate's events are registered with it, so the watched side is what it says. */
  @State(Scope.Benchmark)
  public static class LeakGateEventsRecorded {
    /** Waits (bounded) for the agent to register its events once Flight Recorder started. */
    @Setup(Level.Trial)
    public void check() {
      Agent.require();
      boolean registered = Settle.until(() -> FlightRecorder.getFlightRecorder().getEventTypes().stream()
          .anyMatch(type -> type.getName().equals("dev.leakgate.LiveComponents")), Duration.ofSeconds(30));
      if (!registered || FlightRecorder.getFlightRecorder().getRecordings().isEmpty()) {
        throw new IllegalStateException("no recording of LeakGate's events in this fork: run it with "
            + BuildPaths.RECORDING_LEAKGATE_EVENTS);
      }
    }
  }

  /** The exporter every processor gets. */
  @State(Scope.Thread)
  public static class Exporter {
    final DiscardingSpanExporter exporter = new DiscardingSpanExporter();
  }

  /** The reference service in its {@code fixed} variant, on a free loopback port. */
  @State(Scope.Benchmark)
  public static class FixedService {
    CreateAgentService service;
    CreateAgentClient client;

    /** Starts the service. */
    @Setup(Level.Trial)
    public void start() {
      service = CreateAgentService.builder().variant(Variant.FIXED).host("127.0.0.1").port(0).start();
      client = new CreateAgentClient(service.uri());
    }

    /** Stops the service. */
    @TearDown(Level.Trial)
    public void stop() {
      service.close();
    }
  }
}
