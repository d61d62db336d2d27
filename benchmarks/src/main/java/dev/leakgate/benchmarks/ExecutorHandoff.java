package dev.leakgate.benchmarks;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * What does following work across threads cost a {@code ThreadPoolExecutor.execute} of a no-op task?
 *
 * <p>Three benchmarks that differ only in the fork: {@code executeWithoutAgent}; {@code
 * executeWithAgentNoScope}, the agent running but no scope ever opened in the JVM, so no JDK class is
 * transformed (the fork prints the woven JDK classes at its end: none); {@code executeWithAgentInScope},
 * a scope open on the submitting thread, so each task is captured at execute and made current in
 * beforeExecute (the fork prints the classes woven). Throughput, higher is better; read ratios to
 * {@code executeWithoutAgent}. Targets: no scope ≤ 1.02× the time (≥ 0.98× throughput); in a scope ≤ 1.25×.
 *
 * <p>Each operation hands off a new task object, as {@code submit} does (a FutureTask per call), so
 * with a scope open every task gets its own entry in the agent's table. The pool has one worker and a bounded queue; when it is full the submitting thread runs the task
 * itself (CallerRunsPolicy), so the queue never grows and the measured loop stays steady.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ExecutorHandoff {

  /** No agent in the fork. */
  @Benchmark
  public void executeWithoutAgent(Pool pool) {
    pool.executor.execute(new NoOp());
  }

  /** The agent in the fork, no scope ever opened. */
  @Benchmark
  @Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT)
  public void executeWithAgentNoScope(Pool pool) {
    pool.executor.execute(new NoOp());
  }

  /** The agent in the fork, a scope open on the submitting thread. */
  @Benchmark
  @Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT)
  public void executeWithAgentInScope(Pool pool, OpenScope scope) {
    pool.executor.execute(new NoOp());
  }

  /** A task that does nothing; a new one per operation. */
  static final class NoOp implements Runnable {
    @Override
    public void run() {
      // nothing: the hand-off is what is measured
    }
  }

  /** One worker, a bounded queue, the caller runs what does not fit. */
  @State(Scope.Benchmark)
  public static class Pool {
    ThreadPoolExecutor executor;

    /** Starts the worker. */
    @Setup(Level.Trial)
    public void start() {
      executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024),
          new ThreadPoolExecutor.CallerRunsPolicy());
      executor.prestartAllCoreThreads();
    }

    /** Stops the worker and says which JDK classes the agent wove in this fork. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      executor.shutdown();
      executor.awaitTermination(10, TimeUnit.SECONDS);
      System.out.println("JDK classes woven in this fork: " + Agent.wovenClasses());
    }
  }
}
