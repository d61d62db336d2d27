package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subject of {@link LateWorkTest}: a handler answers at once and its pool builds 700 ms later, after
 * the test method returned (the seed's shape); the leaking test must fail, its twin that shuts down
 * what it builds must pass.
 */
@LeakCheck
@RunByTestKitOnly
class FireAndForgetCase {
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();
  private static ExecutorService pool;
  private static ScheduledExecutorService scheduler;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
    scheduler = Executors.newScheduledThreadPool(1);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
    scheduler.shutdownNow();
  }

  private static void sleep() {
    try {
      Thread.sleep(700);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void leaksSevenHundredMillisLater() {
    pool.execute(() -> {
      sleep();
      BatchSpanProcessor.builder(EXPORTER).build();
    });
  }

  @Test
  void schedulesALeakSevenHundredMillisAhead() {
    scheduler.schedule(() -> BatchSpanProcessor.builder(EXPORTER).build(), 700, TimeUnit.MILLISECONDS);
  }

  @Test
  void schedulesWorkLaterThanItsTimeout() {
    // due after the test's deadline: waiting for it could only time out, so the test decides without it
    scheduler.schedule(() -> { }, 10, TimeUnit.MINUTES);
  }

  @Test
  void dropsQueuedWorkWithShutdownNow() throws Exception {
    ExecutorService own = Executors.newSingleThreadExecutor();
    CountDownLatch running = new CountDownLatch(1);
    own.execute(() -> {
      running.countDown();
      sleep();
    });
    own.execute(() -> BatchSpanProcessor.builder(EXPORTER).build()); // queued behind it, never run
    running.await(10, TimeUnit.SECONDS);
    own.shutdownNow();
  }

  @Test
  void shutsDownSevenHundredMillisLater() {
    pool.execute(() -> {
      sleep();
      BatchSpanProcessor.builder(EXPORTER).build().shutdown();
    });
  }
}
