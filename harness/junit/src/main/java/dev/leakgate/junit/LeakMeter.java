package dev.leakgate.junit;

import dev.leakgate.internal.load.InProcessLoad;
import dev.leakgate.internal.probe.Probe;
import java.util.concurrent.Callable;

/**
 * Measures, inside a {@link LeakCheck} test, how many components each request leaves live: declare
 * a {@code LeakMeter} parameter on the test method and call {@code measure}. The last measurement's
 * per-request rate appears in the test's failure message.
 *
 * <p>The request may return a value or nothing: {@code meter.measure(20, 2, () -> handler.handle("x"))}
 * compiles whether {@code handle} is {@code void} or not. At a concurrency of 1 (the default) the
 * calls run on the thread that calls {@code measure}, the test's own, so thread locals, an MDC or a
 * Spring test transaction are the test's. At a higher concurrency they run on a pool of that many
 * threads that LeakGate starts and stops within the call: each call runs in the test's LeakGate
 * scope, but sees none of the test thread's thread locals.
 *
 * <p>A call that throws ends the measurement with an unchecked exception whose cause is what the
 * call threw; an {@link Error} (a failed assertion) thrown on the test's thread passes unchanged.
 */
public final class LeakMeter {
  private final TestScope scope;

  LeakMeter(TestScope scope) {
    this.scope = scope;
  }

  /** One request of a measurement that returns nothing, e.g. {@code () -> handler.handle("x")} with a {@code void handle}. */
  @FunctionalInterface
  public interface Request {
    /**
     * Calls the code under test once.
     *
     * @throws Exception whatever the code under test throws: it ends the measurement
     */
    void call() throws Exception;
  }

  /**
   * Calls {@code request} {@code warmup} times, then {@code requests} times, one at a time on the
   * calling thread, and returns the growth per request.
   *
   * @param requests measured calls, at least 2
   * @param warmup calls before the measurement starts, 0 or more (lazy start-up is not growth)
   * @param request one call of the code under test; what it returns is ignored
   * @return the verdict and rates of the measurement
   */
  public GrowthResult measure(int requests, int warmup, Callable<?> request) {
    return measure(requests, warmup, 1, request);
  }

  /**
   * Like {@link #measure(int, int, Callable)} for a request that returns nothing.
   *
   * @param requests measured calls, at least 2
   * @param warmup calls before the measurement starts, 0 or more
   * @param request one call of the code under test
   * @return the verdict and rates of the measurement
   */
  public GrowthResult measure(int requests, int warmup, Request request) {
    return measure(requests, warmup, 1, request);
  }

  /**
   * Like {@link #measure(int, int, Callable)}, with up to {@code concurrency} calls in flight: at 1
   * on the calling thread, above 1 on a pool of that many threads, each call in the test's scope.
   * A sample is taken after each round of {@code concurrency} calls.
   *
   * @param requests measured calls, at least 2
   * @param warmup calls before the measurement starts, 0 or more
   * @param concurrency calls in flight at most, at least 1
   * @param request one call of the code under test; what it returns is ignored
   * @return the verdict and rates of the measurement
   */
  public GrowthResult measure(int requests, int warmup, int concurrency, Callable<?> request) {
    LeakCheckSettings settings = scope.settings();
    // on a pool, the calls are not on the test's thread: each opens the test's scope on its own
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

  /**
   * Like {@link #measure(int, int, int, Callable)} for a request that returns nothing.
   *
   * @param requests measured calls, at least 2
   * @param warmup calls before the measurement starts, 0 or more
   * @param concurrency calls in flight at most, at least 1
   * @param request one call of the code under test
   * @return the verdict and rates of the measurement
   */
  public GrowthResult measure(int requests, int warmup, int concurrency, Request request) {
    return measure(requests, warmup, concurrency, () -> {
      request.call();
      return null;
    });
  }

  @Override
  public String toString() {
    return "LeakMeter{" + scope.name() + "}";
  }
}
