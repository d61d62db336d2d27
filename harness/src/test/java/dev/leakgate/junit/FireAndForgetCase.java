package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
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
  void shutsDownSevenHundredMillisLater() {
    pool.execute(() -> {
      sleep();
      BatchSpanProcessor.builder(EXPORTER).build().shutdown();
    });
  }
}
