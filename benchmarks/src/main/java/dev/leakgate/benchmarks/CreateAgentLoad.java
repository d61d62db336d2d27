package dev.leakgate.benchmarks;

import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.Variant;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * How many thread-owning OpenTelemetry components does one {@code POST /create_agent} leave behind,
 * per variant of the reference service, under load from one and from four clients?
 *
 * <p>The service runs in the benchmark's JVM, started with the LeakGate agent; each operation is one
 * request over loopback that the service accepted (a 503 from its full queue is sent again). The primary score (requests per second) is the service's speed and is
 * not the point. Read the secondary scores, each per request, averaged over the measured iterations:
 * <ul>
 *   <li>{@code createdPerOp}: components that own a worker thread (BatchSpanProcessor,
 *       BatchLogRecordProcessor, PeriodicMetricReader) constructed per request: {@code leaky} 4,
 *       {@code churn} 4 (each shut down again), {@code fixed} 0;
 *   <li>{@code liveGrowthPerOp}: of those, the ones still live (not shut down) added per request:
 *       {@code leaky} 4, every other variant 0 once warm ({@code per-thread} and {@code racy} build
 *       theirs in the warm-up, then stop);
 *   <li>{@code threadGrowthPerOp}: their live worker threads added per request ({@code churn}'s
 *       stopping workers may still be exiting, so it can sit a little above 0).
 * </ul>
 * Anything above 0 in {@code liveGrowthPerOp} is a leak per request; {@code leakgate gate --jmh}
 * fails the build on it. Counts are read once the service's pool is idle, since the work continues
 * after the HTTP response.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = BuildPaths.WITH_AGENT)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@State(Scope.Benchmark)
public class CreateAgentLoad {
  // the work of the last requests of an iteration ends on the pool after the responses
  private static final Duration POOL_IDLE_TIMEOUT = Duration.ofSeconds(60);
  // every client thread reaches the end of its iteration within this
  private static final Duration ALL_CLIENTS_TIMEOUT = Duration.ofSeconds(60);

  /** The telemetry wiring of the service under load. */
  @Param({"fixed", "leaky", "churn", "per-thread", "racy"})
  public String variant;

  private CreateAgentService service;
  private CreateAgentClient client;

  // per iteration: where it started, and the figures computed once by the first client to finish
  private long requestsAtStart;
  private ComponentCensus censusAtStart;
  private final AtomicInteger clientsFinished = new AtomicInteger();
  private volatile PerRequest.Figures figures;

  /** Checks the agent runs (it starts with the fork), then starts the service on a free loopback port. */
  @Setup(Level.Trial)
  public void startService() {
    Agent.require();
    service = CreateAgentService.builder()
        .variant(Variant.fromLabel(variant))
        .host("127.0.0.1")
        .port(0)
        .start();
    client = new CreateAgentClient(service.uri());
  }

  /** Remembers the request count and the census before the iteration's first request. */
  @Setup(Level.Iteration)
  public void markIterationStart() {
    awaitPoolIdle();
    requestsAtStart = service.requestsAccepted();
    censusAtStart = ComponentCensus.take();
    clientsFinished.set(0);
    figures = null;
  }

  /** Stops the service (the {@code leaky} processors outlive it by design; the fork ends with them). */
  @TearDown(Level.Trial)
  public void stopService() {
    service.close();
  }

  /** One client sends requests as fast as the service answers. */
  @Benchmark
  @Threads(1)
  public int oneClient(PerRequest counters) throws IOException, InterruptedException {
    return client.createAgent();
  }

  /** Four clients at once (the service's pool has four threads). */
  @Benchmark
  @Threads(4)
  public int fourClients(PerRequest counters) throws IOException, InterruptedException {
    return client.createAgent();
  }

  /**
   * The figures of this iteration, computed once after every client thread has finished its requests
   * and the pool has gone idle.
   */
  PerRequest.Figures figuresOfIteration(int clients) {
    clientsFinished.incrementAndGet();
    if (!Settle.until(() -> clientsFinished.get() >= clients, ALL_CLIENTS_TIMEOUT)) {
      throw new IllegalStateException("only " + clientsFinished.get() + " of " + clients + " clients finished the iteration");
    }
    synchronized (this) {
      if (figures == null) {
        awaitPoolIdle();
        long requests = service.requestsAccepted() - requestsAtStart;
        ComponentCensus now = ComponentCensus.take();
        figures = requests == 0 ? PerRequest.Figures.NONE : new PerRequest.Figures(
            (double) (now.created() - censusAtStart.created()) / requests,
            (double) (now.live() - censusAtStart.live()) / requests,
            (double) (now.liveThreads() - censusAtStart.liveThreads()) / requests);
      }
      return figures;
    }
  }

  private void awaitPoolIdle() {
    if (!Settle.until(service::idle, POOL_IDLE_TIMEOUT)) {
      throw new IllegalStateException("the service's pool did not go idle within " + POOL_IDLE_TIMEOUT
          + " (" + service.tasksCompleted() + " of " + service.tasksSubmitted() + " tasks done)");
    }
  }

  /**
   * The per-request figures as JMH secondary scores. JMH adds up {@code EVENTS} counters over the
   * client threads and over the measured iterations, so each thread reports its share
   * (1 / threads / iterations) of the iteration's figures, and the score is their mean.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class PerRequest {
    /** Thread-owning components constructed per request. */
    public double createdPerOp;
    /** Live (not shut down) thread-owning components added per request. */
    public double liveGrowthPerOp;
    /** Live component worker threads added per request. */
    public double threadGrowthPerOp;

    /** Clears the counters: an iteration that fails to compute them must not report old ones. */
    @Setup(Level.Iteration)
    public void clear() {
      createdPerOp = 0;
      liveGrowthPerOp = 0;
      threadGrowthPerOp = 0;
    }

    /** Fills in this thread's share once the iteration's figures are known. */
    @TearDown(Level.Iteration)
    public void fill(CreateAgentLoad load, ThreadParams threads, IterationParams iteration) {
      Figures f = load.figuresOfIteration(threads.getThreadCount());
      double share = 1.0 / threads.getThreadCount() / iteration.getCount();
      createdPerOp = f.created() * share;
      liveGrowthPerOp = f.live() * share;
      threadGrowthPerOp = f.threads() * share;
    }

    /** Deltas over one iteration divided by its requests. */
    record Figures(double created, double live, double threads) {
      static final Figures NONE = new Figures(0, 0, 0);
    }
  }
}
