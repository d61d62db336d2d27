package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakgate.it.samples.NoopSpanExporter;
import dev.leakgate.agent.registry.Registry;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registry stays small under churn and never keeps a component reachable. */
class FootprintIT {
  private static final int CYCLES = 100_000;

  @Test
  void hundredThousandCreateAndShutdownCyclesLeaveTheRegistryFlat() {
    cycles(10_000); // warm-up: JIT, the site, the first purge
    settle();
    int entriesBefore = Registry.entries();
    long heapBefore = usedHeapAfterGc();

    long started = System.nanoTime();
    cycles(CYCLES);
    long millis = (System.nanoTime() - started) / 1_000_000;
    settle();
    int entriesAfter = Registry.entries();
    long heapAfter = usedHeapAfterGc();

    System.out.printf("footprint: %,d create+shutdown cycles in %,d ms; registry entries %d -> %d; used heap after GC %,d -> %,d bytes (delta %,d)%n",
        CYCLES, millis, entriesBefore, entriesAfter, heapBefore, heapAfter, heapAfter - heapBefore);
    assertThat(entriesAfter).isLessThanOrEqualTo(entriesBefore + 2);
    assertThat(heapAfter - heapBefore).as("retained heap growth").isLessThan(1024 * 1024);
  }

  @Test
  void theRegistryDoesNotKeepAShutDownProcessorReachable() {
    WeakReference<BatchSpanProcessor> ref = createAndShutdown();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
      System.gc();
      return ref.get() == null;
    });
  }

  @Test
  void theRegistryDoesNotKeepALiveProviderReachable() {
    WeakReference<Object> ref = new WeakReference<>(io.opentelemetry.sdk.trace.SdkTracerProvider.builder().build());
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
      System.gc();
      return ref.get() == null;
    });
  }

  private static WeakReference<BatchSpanProcessor> createAndShutdown() {
    BatchSpanProcessor p = BatchSpanProcessor.builder(new NoopSpanExporter()).setScheduleDelay(Duration.ofMillis(1)).build();
    p.shutdown().join(5, TimeUnit.SECONDS);
    return new WeakReference<>(p);
  }

  private static void cycles(int n) {
    for (int i = 0; i < n; i++) {
      BatchSpanProcessor p = BatchSpanProcessor.builder(new NoopSpanExporter()).setScheduleDelay(Duration.ofMillis(1)).build();
      p.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  /** Waits until every worker of the cycles has exited, so only the registry's own state remains. */
  private static void settle() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> Registry.snapshot().components().values().stream().mapToLong(c -> c.draining()).sum() == 0);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
