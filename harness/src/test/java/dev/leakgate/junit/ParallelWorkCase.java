package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subject of {@link ParallelWorkTest}: tests that run at the same time (a barrier ends each) and leak
 * four processors each through the common pool (a parallel stream, {@code runAsync}) or a scheduler
 * started before them, beside one that uses the same hops and builds nothing.
 */
@LeakCheck
@RunByTestKitOnly
class ParallelWorkCase {
  static final String LEAK_LINE = "// PARALLEL-LEAK";
  private static final int TESTS = 4;
  private static final long WAIT_SECONDS = 20;
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();
  private static final Queue<BatchSpanProcessor> BUILT = new ConcurrentLinkedQueue<>();
  private static ScheduledExecutorService scheduler;
  private static CyclicBarrier together;

  @BeforeAll
  static void startScheduler() throws Exception {
    scheduler = Executors.newScheduledThreadPool(2);
    CountDownLatch running = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      scheduler.execute(running::countDown);
    }
    running.await(WAIT_SECONDS, TimeUnit.SECONDS);
    together = new CyclicBarrier(TESTS);
  }

  /** Shuts down what the leaking tests left, once they have been judged. */
  @AfterAll
  static void stopScheduler() {
    scheduler.shutdownNow();
    BatchSpanProcessor p;
    while ((p = BUILT.poll()) != null) {
      p.shutdown();
    }
  }

  static void build() {
    BUILT.add(BatchSpanProcessor.builder(EXPORTER).build()); // PARALLEL-LEAK
  }

  static void buildFour() {
    for (int i = 0; i < 4; i++) {
      build();
    }
  }

  /** Fails unless all the tests run at once; called after the hop, so the hand-offs happen as soon as the tests start. */
  private static void allTogether() throws Exception {
    together.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void parallelStreamBuildsFour() throws Exception {
    IntStream.range(0, 4).parallel().forEach(i -> build());
    allTogether();
  }

  @Test
  void runAsyncBuildsFour() throws Exception {
    CompletableFuture.runAsync(ParallelWorkCase::buildFour).get(WAIT_SECONDS, TimeUnit.SECONDS);
    allTogether();
  }

  @Test
  void scheduledTaskBuildsFour() throws Exception {
    scheduler.schedule(ParallelWorkCase::buildFour, 20, TimeUnit.MILLISECONDS).get(WAIT_SECONDS, TimeUnit.SECONDS);
    allTogether();
  }

  @Test
  void sameHopsBuildNothing() throws Exception {
    IntStream.range(0, 64).parallel().map(i -> i * 2).sum();
    CompletableFuture.runAsync(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    scheduler.schedule(() -> { }, 20, TimeUnit.MILLISECONDS).get(WAIT_SECONDS, TimeUnit.SECONDS);
    allTogether();
  }
}
