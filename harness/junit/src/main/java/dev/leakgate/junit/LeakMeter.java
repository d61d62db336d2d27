package dev.leakgate.junit;

import dev.leakgate.internal.load.InProcessLoad;
import dev.leakgate.internal.probe.Probe;
import java.util.concurrent.Callable;

/**
 * Measures, inside a {@link LeakCheck} test, how many components each request leaves live: declare
 * a {@code LeakMeter} parameter on the test method and call {@link #measure}. The last measurement's
 * per-request rate appears in the test's failure message.
 */
public final class LeakMeter {
  private final TestScope scope;

  LeakMeter(TestScope scope) {
    this.scope = scope;
  }

  /** Calls {@code request} {@code warmup} times, then {@code requests} times, one at a time, and returns the growth per request. */
  public GrowthResult measure(int requests, int warmup, Callable<?> request) {
    return measure(requests, warmup, 1, request);
  }

  /** Like {@link #measure(int, int, Callable)}, with up to {@code concurrency} calls in flight on a pool. */
  public GrowthResult measure(int requests, int warmup, int concurrency, Callable<?> request) {
    LeakCheckSettings settings = scope.settings();
    // the load threads are not the test's: each call opens the test's scope on its own thread
    try (InProcessLoad load = new InProcessLoad(scope.inScope(request), concurrency)) {
      GrowthResult result = new GrowthResult(Probe.builder(scope.registry(), load)
          .requests(requests)
          .warmup(warmup)
          .settle(settings.settle())
          .timeout(settings.timeout())
          .source("junit", scope.name())
          .build()
          .run());
      scope.noteMeasurement(result);
      return result;
    }
  }

  @Override
  public String toString() {
    return "LeakMeter{" + scope.name() + "}";
  }
}
