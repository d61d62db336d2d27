package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.NoopSpanExporter;
import dev.leakgate.agent.registry.Counts;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;

/** Counting stays exact when many threads build and shut down components at once. */
class ConcurrencyIT {
  private static final int THREADS = 16;
  private static final int PER_THREAD = 500;

  @RepeatedTest(3)
  void sixteenThreadsTimesFiveHundredConstructionsCountExactly() throws Exception {
    ScopeContext scope = Scopes.open("concurrency");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(pool.submit(() -> {
          start.await();
          ScopeContext previous = Scopes.attach(scope); // work carried to this thread
          try {
            for (int i = 0; i < PER_THREAD; i++) {
              SdkTracerProvider provider = SdkTracerProvider.builder().build();
              if (i % 2 == 0) {
                provider.shutdown();
              }
              if (i % 50 == 0) {
                // a few real processors with worker threads in the mix, shut down at once
                BatchSpanProcessor.builder(new NoopSpanExporter()).setScheduleDelay(Duration.ofMillis(1)).build().shutdown();
              }
            }
          } finally {
            Scopes.restore(previous);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    Counts providers = Registry.scopeCounts(scope).get(Kind.SdkTracerProvider);
    assertThat(providers.created()).isEqualTo(THREADS * PER_THREAD);
    assertThat(providers.shutdown()).isEqualTo(THREADS * PER_THREAD / 2);
    assertThat(providers.live()).isEqualTo(THREADS * PER_THREAD / 2);
    Counts processors = Registry.scopeCounts(scope).get(Kind.BatchSpanProcessor);
    assertThat(processors.created()).isEqualTo(THREADS * (PER_THREAD / 50));
    assertThat(processors.live()).isZero();
    scope.close();
  }
}
