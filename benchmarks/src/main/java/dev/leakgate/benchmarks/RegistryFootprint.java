package dev.leakgate.benchmarks;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.IterationParams;

/**
 * Does the registry stay small when a service churns: builds a provider with a batch processor per
 * request and shuts it down again, {@code cycles} times?
 *
 * <p>One single shot in a fork with the agent. Read the secondary scores: {@code retainedKiB} is the
 * heap still in use after the cycles minus before them, each after full collections once the worker
 * threads have exited: everything the cycles left reachable, the registry's share included, so an
 * upper bound on the registry's retained size (target ≤ 1024 KiB after 100,000 cycles);
 * {@code registryEntries} is the number of entries the registry holds (instances, sites, scopes),
 * which should be a handful (the call sites), not one per cycle. The primary score is the time the
 * cycles took, for the record.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = BuildPaths.WITH_AGENT)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@State(Scope.Benchmark)
public class RegistryFootprint {
  // stopped workers exit asynchronously; the census waits for them, bounded
  private static final Duration THREADS_EXIT_TIMEOUT = Duration.ofSeconds(60);

  /** Create+shutdown cycles in the measured shot. */
  @Param("100000")
  public int cycles;

  private final DiscardingSpanExporter exporter = new DiscardingSpanExporter();

  /** Checks the agent runs and loads everything one cycle needs, so the baseline includes it. */
  @Setup(Level.Trial)
  public void warmUp() {
    Agent.require();
    cycle(exporter);
  }

  /** Builds and shuts down {@code cycles} providers, each with a batch processor. */
  @Benchmark
  public int churn(Footprint footprint) {
    for (int i = 0; i < cycles; i++) {
      cycle(exporter);
    }
    return cycles;
  }

  private static void cycle(DiscardingSpanExporter exporter) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }

  /** The registry's size after the shot, as secondary scores. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Footprint {
    /** Heap retained by the cycles, KiB (an upper bound on the registry's retained size). */
    public double retainedKiB;
    /** Entries the registry holds after the cycles. */
    public double registryEntries;

    private long usedBefore;

    /** Heap in use before the shot, after full collections. */
    @Setup(Level.Iteration)
    public void before() {
      awaitWorkersExited();
      usedBefore = Heap.usedAfterCollections();
    }

    /** Heap in use after the shot, after the workers exited and full collections. */
    @TearDown(Level.Iteration)
    public void after(IterationParams iteration) {
      awaitWorkersExited();
      // JMH adds EVENTS counters up over the iterations: report a share, so the score is the mean
      retainedKiB = (Heap.usedAfterCollections() - usedBefore) / 1024.0 / iteration.getCount();
      registryEntries = (double) ComponentCensus.registryEntries() / iteration.getCount();
    }

    private static void awaitWorkersExited() {
      if (!Settle.until(() -> ComponentCensus.take().liveThreads() == 0, THREADS_EXIT_TIMEOUT)) {
        throw new IllegalStateException("batch workers still alive " + THREADS_EXIT_TIMEOUT + " after shutdown: "
            + ComponentCensus.take());
      }
    }
  }
}
