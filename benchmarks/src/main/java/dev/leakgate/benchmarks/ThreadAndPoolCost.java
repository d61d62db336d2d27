package dev.leakgate.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does counting the JDK's threads and pools cost the code that makes them, in a scope?
 *
 * <p>{@code threadStartJoin*}: {@code new Thread(r).start()} then {@code join()} (the thread is a
 * component of its own: created at its start, shut down when it ends). {@code poolLifecycle*}:
 * {@code Executors.newFixedThreadPool(1)}, one task, {@code shutdown}, {@code awaitTermination} (the
 * pool is created and shut down, its worker linked to it and started on demand). Each pair differs
 * only in the fork: no agent, or the agent with a scope open on the benchmark thread (the JVM's first
 * scope, so the JDK is woven). Average time, lower is better; read {@code *InScope} / {@code
 * *WithoutAgent}. Targets: at most 1.10x. (With the agent and no scope ever opened nothing of the JDK
 * is woven: {@link ExecutorHandoff}'s no-scope fork prints the woven classes, none.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ThreadAndPoolCost {

  /** A thread started and joined, no agent in the fork. */
  @Benchmark
  public Thread threadStartJoinWithoutAgent() throws InterruptedException {
    return startAndJoin();
  }

  /** A thread started and joined in a scope, the agent in the fork. */
  @Benchmark
  @Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT)
  public Thread threadStartJoinInScope(OpenScope scope) throws InterruptedException {
    return startAndJoin();
  }

  /** A one-thread pool built, given one task, shut down and awaited, no agent in the fork. */
  @Benchmark
  public boolean poolLifecycleWithoutAgent() throws InterruptedException {
    return oneTaskPool();
  }

  /** The same in a scope, the agent in the fork. */
  @Benchmark
  @Fork(value = 3, jvmArgsAppend = BuildPaths.WITH_AGENT)
  public boolean poolLifecycleInScope(OpenScope scope) throws InterruptedException {
    return oneTaskPool();
  }

  private static Thread startAndJoin() throws InterruptedException {
    Thread thread = new Thread(NoOp.INSTANCE);
    thread.start();
    thread.join();
    return thread;
  }

  private static boolean oneTaskPool() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    pool.execute(NoOp.INSTANCE);
    pool.shutdown();
    return pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** A task that does nothing: the thread or pool around it is what is measured. */
  static final class NoOp implements Runnable {
    static final NoOp INSTANCE = new NoOp();

    @Override
    public void run() {
      // nothing
    }
  }
}
