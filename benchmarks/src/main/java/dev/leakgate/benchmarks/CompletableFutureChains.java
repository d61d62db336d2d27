package dev.leakgate.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does a scope cost CompletableFuture code that hands nothing off?
 *
 * <p>One operation builds {@code chains} two-stage synchronous chains ({@code new CompletableFuture},
 * {@code thenApply}, {@code thenApply}, {@code complete}): every stage runs on the calling thread, no
 * work goes to another thread, so there is nothing for the agent to carry. Three benchmarks that
 * differ only in the fork: {@code chainsWithoutAgent}; {@code chainsWithAgentNoScope}, the agent
 * running, no scope ever opened (no JDK class transformed; the fork prints the woven classes at its
 * end: none); {@code chainsWithAgentInScope}, a scope open on the benchmark thread as in every
 * {@code @LeakCheck} test (the JDK's executors woven). Average time per operation, lower is better;
 * read ratios to {@code chainsWithoutAgent}. Targets: no scope ≤ 1.05× the time; in a scope ≤ 1.5×.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class CompletableFutureChains {

  /** Two-stage chains per operation. */
  @Param("500000")
  public int chains;

  /** No agent in the fork. */
  @Benchmark
  public long chainsWithoutAgent() {
    return run(chains);
  }

  /** The agent in the fork, no scope ever opened. */
  @Benchmark
  @Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT)
  public long chainsWithAgentNoScope() {
    return run(chains);
  }

  /** The agent in the fork, a scope open on the benchmark thread. */
  @Benchmark
  @Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT)
  public long chainsWithAgentInScope(OpenScope scope) {
    return run(chains);
  }

  /** Says which JDK classes the agent wove in this fork. */
  @TearDown(Level.Trial)
  public void sayWhatWasWoven() {
    System.out.println("JDK classes woven in this fork: " + Agent.wovenClasses());
  }

  /** Builds and completes {@code n} chains on this thread; the sum of their results (so nothing is optimised away). */
  static long run(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      CompletableFuture<Integer> source = new CompletableFuture<>();
      CompletableFuture<Integer> result = source.thenApply(x -> x + 1).thenApply(x -> x * 2);
      source.complete(i);
      sum += result.join();
    }
    return sum;
  }
}
