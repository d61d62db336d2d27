package dev.leakgate.benchmarks;

import dev.leakgate.agent.registry.Propagation;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
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
 * Does anything stay behind when a scope full of CompletableFuture work has closed?
 *
 * <p>One single shot in a fork with the agent: inside one scope, {@code chains} synchronous two-stage
 * chains (as {@link CompletableFutureChains}) and {@code asyncChains} {@code supplyAsync(..., commonPool)
 * .thenApply(..)} chains (hand-offs the agent carries; the common pool is named because on a machine
 * with two CPUs the default executor starts a thread per task); then the scope closes. Read the
 * secondary scores, all taken after full collections once the burst is over: {@code heapRatio} is the
 * heap in use after the burst over before it (target: back to baseline, ≤ 1.05), {@code retainedKiB}
 * the difference; {@code scopeCollectable} is 1 when the closed scope could be collected (target 1),
 * {@code carried} the tasks the agent still holds a scope for (target 0; read after the previous two,
 * as reading it also drops finished entries). The primary score is the burst's time, for the record.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = BuildPaths.WITH_AGENT)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@State(Scope.Benchmark)
public class ChainBurstFootprint {
  /** Async chains in flight at once: joined in batches so the burst's own futures never pile up. */
  private static final int BATCH = 1_000;
  private static final long JOIN_SECONDS = 60;

  /** Synchronous two-stage chains in the burst. */
  @Param("1000000")
  public int chains;

  /** {@code supplyAsync().thenApply()} chains in the burst. */
  @Param("200000")
  public int asyncChains;

  /** Checks the agent runs, starts the common pool outside every scope and runs a small burst first, so the baseline includes what any burst loads. */
  @Setup(Level.Trial)
  public void warmUp() throws Exception {
    Agent.require();
    ForkJoinPool.commonPool().submit(() -> { }).get(JOIN_SECONDS, TimeUnit.SECONDS);
    burstIn("warm-up", 10_000, 2_000);
  }

  /** Runs the burst in a scope of its own and closes it. */
  @Benchmark
  public long burst(Footprint footprint) {
    footprint.scope = burstIn("burst", chains, asyncChains);
    return chains + (long) asyncChains;
  }

  private static WeakReference<ScopeContext> burstIn(String name, int syncChains, int async) {
    try (ScopeContext scope = Scopes.open(name)) {
      long sum = CompletableFutureChains.run(syncChains);
      @SuppressWarnings("unchecked")
      CompletableFuture<Integer>[] batch = new CompletableFuture[BATCH];
      for (int done = 0; done < async; done += BATCH) {
        int n = Math.min(BATCH, async - done);
        for (int i = 0; i < n; i++) {
          int value = done + i;
          batch[i] = CompletableFuture.supplyAsync(() -> value, ForkJoinPool.commonPool()).thenApply(x -> x + 1);
        }
        for (int i = 0; i < n; i++) {
          sum += batch[i].join();
          batch[i] = null;
        }
      }
      if (sum == 42) {
        System.out.println(sum); // never true; keeps the chains' results used
      }
      return new WeakReference<>(scope);
    }
  }

  /** What the burst left behind, as secondary scores. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Footprint {
    /** Heap in use after the burst over before it, both after full collections (1.0: back to baseline). */
    public double heapRatio;
    /** Heap in use after the burst minus before it, KiB. */
    public double retainedKiB;
    /** 1 when the closed scope could be collected, else 0. */
    public double scopeCollectable;
    /** Tasks the agent still holds a scope for. */
    public double carried;

    WeakReference<ScopeContext> scope;
    private long usedBefore;

    /** Heap in use before the burst, after full collections. */
    @Setup(Level.Iteration)
    public void before() {
      usedBefore = Heap.usedAfterCollections();
    }

    /** Heap in use after the burst, whether its scope can be collected, and what the agent still carries. */
    @TearDown(Level.Iteration)
    public void after(IterationParams iteration) {
      long usedAfter = Heap.usedAfterCollections();
      boolean collectable = scope.get() == null;
      int stillCarried = Propagation.carried();
      // JMH adds EVENTS counters up over the iterations: report a share, so the score is the mean
      int iterations = iteration.getCount();
      heapRatio = (double) usedAfter / usedBefore / iterations;
      retainedKiB = (usedAfter - usedBefore) / 1024.0 / iterations;
      scopeCollectable = (collectable ? 1.0 : 0.0) / iterations;
      carried = (double) stillCarried / iterations;
      System.out.printf("%nheap in use after full collections: %.1f MiB before the burst, %.1f MiB after (%.2fx); "
          + "closed scope collectable: %s; tasks still carrying a scope: %d%n",
          usedBefore / 1048576.0, usedAfter / 1048576.0, (double) usedAfter / usedBefore, collectable ? "yes" : "no", stillCarried);
    }
  }
}
