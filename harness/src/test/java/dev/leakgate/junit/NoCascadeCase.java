package dev.leakgate.junit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Subject of {@link JdkKindsTest}: the first test leaves a thread running that builds a pool while the
 * second test runs alone; the pool is the first test's (its thread carries the first test's scope),
 * the second passes, and every test runs.
 */
@LeakCheck
@RunByTestKitOnly
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoCascadeCase {
  private static final CountDownLatch SECOND_RUNS = new CountDownLatch(1);
  private static final CountDownLatch POOL_BUILT = new CountDownLatch(1);
  private static volatile ExecutorService lateBuilt;

  @AfterAll
  static void shutDownThePoolTheLeakyThreadBuilt() {
    if (lateBuilt != null) {
      lateBuilt.shutdownNow();
    }
  }

  @Test
  @Order(1)
  void leavesAThreadThatBuildsAPoolLater() {
    Thread thread = new Thread(() -> {
      try {
        SECOND_RUNS.await(30, TimeUnit.SECONDS);
        lateBuilt = Executors.newFixedThreadPool(1);
        lateBuilt.execute(() -> { });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        POOL_BUILT.countDown();
      }
    });
    thread.setDaemon(true);
    thread.start(); // LEAK
  }

  @Test
  @Order(2)
  void runsWhileThatThreadBuildsItsPool() throws InterruptedException {
    SECOND_RUNS.countDown();
    POOL_BUILT.await(30, TimeUnit.SECONDS);
  }

  @Test
  @Order(3)
  void runsAfterwards() {
  }
}
