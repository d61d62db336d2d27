package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Subject of {@link LateWorkTest}: the first test hands work to a pool that builds a processor only
 * once the second test runs (alone); the processor carries the first test's scope, so it is never the
 * second test's.
 */
@LeakCheck
@RunByTestKitOnly
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LateWorkCase {
  private static final long WAIT_SECONDS = 20;
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();
  private static final Queue<BatchSpanProcessor> BUILT = new ConcurrentLinkedQueue<>();
  private static ExecutorService pool;
  private static CountDownLatch secondTestRuns;
  private static CountDownLatch lateWorkDone;

  @BeforeAll
  static void startPool() throws Exception {
    pool = Executors.newSingleThreadExecutor();
    pool.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    secondTestRuns = new CountDownLatch(1);
    lateWorkDone = new CountDownLatch(1);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
    BatchSpanProcessor p;
    while ((p = BUILT.poll()) != null) {
      p.shutdown();
    }
  }

  @Test
  @Order(1)
  void handsOffWorkThatBuildsLater() {
    pool.execute(() -> {
      try {
        secondTestRuns.await(WAIT_SECONDS, TimeUnit.SECONDS);
        BUILT.add(BatchSpanProcessor.builder(EXPORTER).build());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lateWorkDone.countDown();
      }
    });
  }

  @Test
  @Order(2)
  void onlyWaitsWhileTheFirstTestsWorkBuilds() throws InterruptedException {
    secondTestRuns.countDown();
    lateWorkDone.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
