package dev.leakgate.junit;

import dev.leakgate.api.LeakGate;
import dev.leakgate.api.Scope;
import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Subject of {@link HopSuiteTest}: for every way work leaves the test's thread, a test that leaks
 * four batch processors there, one that builds and shuts them down there (churn), and one that
 * builds nothing there. Pools exist (with their threads running) before any test, as in a service.
 */
@LeakCheck
@RunByTestKitOnly
class HopCase {
  static final String LEAK_LINE = "// HOP-LEAK";
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();
  private static final ExecutorService POOL = started(Executors.newFixedThreadPool(4));
  private static final ScheduledExecutorService SCHEDULER = started(Executors.newScheduledThreadPool(2));
  private static final Timer TIMER = new Timer("hop-timer", true);

  /** The ways work leaves the test's thread. */
  enum Hop {
    SAME_THREAD, EXECUTOR_SUBMIT, COMPLETABLE_FUTURE, FIRE_AND_FORGET, NEW_THREAD, PARALLEL_STREAM, SCHEDULED,
    TIMER, VIRTUAL_THREAD, HANDLER_SCOPE
  }

  private static <T extends ExecutorService> T started(T pool) {
    CountDownLatch running = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      pool.execute(running::countDown);
    }
    try {
      running.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return pool;
  }

  static List<BatchSpanProcessor> buildFour() {
    List<BatchSpanProcessor> four = new ArrayList<>(4);
    for (int i = 0; i < 4; i++) {
      four.add(BatchSpanProcessor.builder(EXPORTER).build()); // HOP-LEAK
    }
    return four;
  }

  static void churnFour() {
    for (BatchSpanProcessor p : buildFour()) {
      p.shutdown();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Hop.class)
  void leaksFour(Hop hop) throws Exception {
    run(hop, HopCase::buildFour);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Hop.class)
  void churnsFour(Hop hop) throws Exception {
    run(hop, HopCase::churnFour);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Hop.class)
  void buildsNothing(Hop hop) throws Exception {
    run(hop, () -> { });
  }

  /** Runs {@code work} as {@code hop} hands it off; waits for it except where the hop is fire-and-forget. */
  @SuppressWarnings("try") // HANDLER_SCOPE opens a scope for its effect, as a handler does
  static void run(Hop hop, Runnable work) throws Exception {
    switch (hop) {
      case SAME_THREAD:
        work.run();
        break;
      case EXECUTOR_SUBMIT:
        POOL.submit(work).get(20, TimeUnit.SECONDS);
        break;
      case COMPLETABLE_FUTURE:
        CompletableFuture.runAsync(work).get(20, TimeUnit.SECONDS);
        break;
      case FIRE_AND_FORGET: // the seed: the handler answers, the pool builds 50 ms later
        POOL.execute(() -> {
          sleep(50);
          work.run();
        });
        break;
      case NEW_THREAD:
        Thread thread = new Thread(work);
        thread.start();
        thread.join(20_000);
        break;
      case PARALLEL_STREAM:
        IntStream.range(0, 1).parallel().forEach(i -> work.run());
        break;
      case SCHEDULED:
        SCHEDULER.schedule(work, 20, TimeUnit.MILLISECONDS).get(20, TimeUnit.SECONDS);
        break;
      case TIMER:
        CountDownLatch ran = new CountDownLatch(1);
        TIMER.schedule(new TimerTask() {
          @Override
          public void run() {
            try {
              work.run();
            } finally {
              ran.countDown();
            }
          }
        }, 20);
        ran.await(20, TimeUnit.SECONDS);
        break;
      case VIRTUAL_THREAD:
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Thread virtual = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, work);
        virtual.join(20_000);
        break;
      case HANDLER_SCOPE: // a handler inside the test opens its own request scope, as the README suggests
        try (Scope request = LeakGate.scope("request-17")) {
          POOL.submit(work).get(20, TimeUnit.SECONDS);
        }
        break;
      default:
        throw new IllegalArgumentException(hop.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
