package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Subject of {@link FirstTestsTest}: the first tests of a fresh JVM, four at once, each leaking one
 * processor through a pool started before any test, as a service's pool is.
 */
@LeakCheck
@RunByTestKitOnly
class FirstTestsCase {
  static final int TESTS = 4;
  private static final long WAIT_SECONDS = 20;
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();
  private static final CyclicBarrier TOGETHER = new CyclicBarrier(TESTS);
  private static ExecutorService pool;

  /** Starts the pool's threads; called before the tests run. */
  static void startPool() throws InterruptedException {
    pool = Executors.newFixedThreadPool(TESTS);
    CountDownLatch running = new CountDownLatch(TESTS);
    for (int i = 0; i < TESTS; i++) {
      pool.execute(() -> {
        running.countDown();
        try {
          running.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    running.await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  static void stopPool() {
    pool.shutdownNow();
  }

  /** Hands off at once (while the first scope may still be weaving the JDK); the four builds wait for each other, so no test runs alone. */
  private static void leakOneThroughThePool() throws Exception {
    pool.submit(() -> {
      TOGETHER.await(WAIT_SECONDS, TimeUnit.SECONDS);
      return BatchSpanProcessor.builder(EXPORTER).build();
    }).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void first() throws Exception {
    leakOneThroughThePool();
  }

  @Test
  void second() throws Exception {
    leakOneThroughThePool();
  }

  @Test
  void third() throws Exception {
    leakOneThroughThePool();
  }

  @Test
  void fourth() throws Exception {
    leakOneThroughThePool();
  }

  /** Runs the four tests in parallel in this (fresh) JVM and prints the tests that failed. */
  public static void main(String[] args) throws Exception {
    startPool();
    try {
      System.out.println("failed: " + TestKit.failed(TestKit.run(TestKit.mode(TestKit.IN_PARALLEL),
          org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(FirstTestsCase.class))));
    } finally {
      stopPool();
    }
    System.exit(0); // the leaked processors' threads would keep the JVM alive a while
  }
}
