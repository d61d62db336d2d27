package dev.leakgate.junit;

import static dev.leakgate.junit.LeakAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import dev.leakgate.reports.model.Status;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Subject of {@link LeakMeterTest}: requests that return nothing and requests that return a value,
 * as lambdas and method references, and where a measurement runs them. Each request builds one batch
 * processor and shuts it down, so every measurement finds CHURN and the tests pass.
 */
@LeakCheck
@RunByTestKitOnly
class MeterCase {
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();
  private static final ThreadLocal<String> TEST_THREAD_LOCAL = new ThreadLocal<>();

  /** A handler as users write it: returns nothing. */
  static void handleVoid() {
    BatchSpanProcessor.builder(EXPORTER).build().shutdown().join(10, TimeUnit.SECONDS);
  }

  /** The same handler returning a value. */
  static String handleValue() {
    handleVoid();
    return "handled";
  }

  private static void assertOneChurnedPerRequest(GrowthResult result) {
    assertThat(result).hasStatus(Status.CHURN).hasAtMostPerRequest(0.0);
    assertThat(result.verdict().byKind().get("BatchSpanProcessor").createdPerRequest()).isEqualTo(1.0);
  }

  @Test
  void measuresVoidAndValueRequests(LeakMeter meter) {
    assertOneChurnedPerRequest(meter.measure(2, 0, () -> handleVoid()));
    assertOneChurnedPerRequest(meter.measure(2, 0, MeterCase::handleVoid));
    assertOneChurnedPerRequest(meter.measure(2, 0, () -> handleValue()));
    assertOneChurnedPerRequest(meter.measure(2, 0, MeterCase::handleValue));
    assertOneChurnedPerRequest(meter.measure(2, 0, 1, () -> handleVoid()));
    assertOneChurnedPerRequest(meter.measure(2, 0, 1, () -> handleValue()));
  }

  @Test
  void measuresOnTheTestThread(LeakMeter meter) {
    Thread test = Thread.currentThread();
    TEST_THREAD_LOCAL.set("the test's");
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    try {
      assertOneChurnedPerRequest(meter.measure(2, 1, () -> {
        ran.add(Thread.currentThread());
        seen.add(String.valueOf(TEST_THREAD_LOCAL.get()));
        handleVoid();
      }));
    } finally {
      TEST_THREAD_LOCAL.remove();
    }
    assertThat(ran).containsExactly(test);
    assertThat(seen).containsExactly("the test's");
  }

  @Test
  void measuresAboveConcurrencyOneOnAPool(LeakMeter meter) {
    Thread test = Thread.currentThread();
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    GrowthResult result = meter.measure(4, 2, 2, () -> {
      ran.add(Thread.currentThread());
      handleVoid();
    });

    assertThat(result).hasStatus(Status.CHURN);
    assertThat(result.verdict().byKind().get("BatchSpanProcessor").createdPerRequest()).isEqualTo(1.0);
    assertThat(ran).doesNotContain(test).hasSizeBetween(1, 2);
  }
}
