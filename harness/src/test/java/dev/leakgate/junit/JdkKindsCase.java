package dev.leakgate.junit;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Subject of {@link JdkKindsTest}: for each of the JDK's thread-owning kinds, a test that leaves one
 * live ({@code leaks*}, each at a line marked {@code // LEAK}) and a twin that shuts it down; and tests
 * that must pass because what they use is process-wide or another component's (a static field's pool
 * whose workers the test starts, the common pool, JUnit's timeout watcher).
 */
@LeakCheck
@RunByTestKitOnly
class JdkKindsCase {
  /** A pool in a static field, as the advice asks: process-wide; its workers start when a test first uses it. */
  private static final ExecutorService SHARED = Executors.newFixedThreadPool(2);
  /** What the leaking tests leave, shut down once every test was checked. */
  private static final List<Object> LEFT = new ArrayList<>();
  private static volatile CountDownLatch release;

  @BeforeAll
  static void holdTheLeakedThreadsUntilTheEnd() {
    release = new CountDownLatch(1);
  }

  @AfterAll
  static void shutDownWhatTheTestsLeft() {
    release.countDown();
    synchronized (LEFT) {
      for (Object o : LEFT) {
        if (o instanceof ExecutorService) {
          ((ExecutorService) o).shutdownNow();
        } else if (o instanceof Timer) {
          ((Timer) o).cancel();
        }
      }
    }
  }

  private static <T> T left(T component) {
    synchronized (LEFT) {
      LEFT.add(component);
    }
    return component;
  }

  @Test
  void leaksAPool() throws Exception {
    ExecutorService pool = left(Executors.newFixedThreadPool(2)); // LEAK
    pool.submit(() -> { }).get();
  }

  @Test
  void shutsThePoolDown() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.submit(() -> { }).get();
    pool.shutdown();
  }

  @Test
  void leaksAScheduler() throws Exception {
    ScheduledExecutorService scheduler = left(Executors.newSingleThreadScheduledExecutor()); // LEAK
    scheduler.schedule(() -> { }, 1, TimeUnit.MILLISECONDS).get();
  }

  @Test
  void shutsTheSchedulerDown() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.schedule(() -> { }, 1, TimeUnit.MILLISECONDS).get();
    scheduler.shutdownNow();
  }

  @Test
  void leaksAForkJoinPool() throws Exception {
    ForkJoinPool pool = left(new ForkJoinPool(2)); // LEAK
    pool.submit(() -> { }).get();
  }

  @Test
  void shutsTheForkJoinPoolDown() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2);
    pool.submit(() -> { }).get();
    pool.shutdown();
  }

  @Test
  void leaksATimer() throws Exception {
    ran(left(new Timer(true))); // LEAK
  }

  @Test
  void cancelsTheTimer() throws Exception {
    Timer timer = new Timer(true);
    ran(timer);
    timer.cancel();
  }

  @Test
  void leaksAThread() {
    Thread thread = new Thread(JdkKindsCase::awaitRelease);
    thread.setDaemon(true);
    thread.start(); // LEAK
  }

  @Test
  void joinsTheThread() throws Exception {
    Thread thread = new Thread(() -> { });
    thread.start();
    thread.join();
  }

  @Test
  void leaksAnHttpClient() {
    HttpClient.newHttpClient(); // LEAK
  }

  @Test
  void closesTheHttpClient() throws Exception {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21, "HttpClient.close needs JDK 21+");
    ((AutoCloseable) HttpClient.newHttpClient()).close();
  }

  @Test
  void startsTheWorkersOfAPoolInAStaticField() throws Exception {
    SHARED.submit(() -> { }).get();
    SHARED.submit(() -> { }).get();
  }

  @Test
  void usesTheCommonPool() throws Exception {
    CompletableFuture.supplyAsync(() -> 1).get();
    IntStream.range(0, 1_000).parallel().sum();
  }

  @Test
  @Timeout(30)
  void runsUnderJUnitsTimeoutWatcher() {
  }

  @Test
  @LeakCheck(kinds = "opentelemetry")
  void leavesAPoolWhereOnlyOpenTelemetryIsChecked() {
    left(Executors.newFixedThreadPool(1)).execute(() -> { });
  }

  private static void ran(Timer timer) throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    timer.schedule(new TimerTask() {
      @Override
      public void run() {
        ran.countDown();
      }
    }, 1);
    ran.await(10, TimeUnit.SECONDS);
  }

  private static void awaitRelease() {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
