package dev.leakgate.it.samples;

import dev.leakgate.agent.registry.Counts;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.agent.registry.SiteSnapshot;
import java.lang.ref.Cleaner;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Builds each JDK kind in its own scope, leaking it or shutting it down, and prints the scope's counts
 * of the JDK kinds ({@code scenario NAME: Kind created/shutdown/live/liveThreads ...}), then the
 * process-wide sites ({@code processWide Kind reason site}). Runs on JDK 17 and 25: what only one has
 * is skipped on the other.
 */
public final class JdkKindsWorkload {
  private static final int FEATURE = Runtime.version().feature();

  private JdkKindsWorkload() {}

  public static void main(String[] args) {
    try {
      run();
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // leaked pools keep the JVM alive
    }
  }

  private static void run() throws Exception {
    Scopes.open("first").close(); // the JVM's first scope weaves the JDK
    ExecutorService builtBefore = Executors.newFixedThreadPool(2); // outside every scope: no scope's

    scenario("fixedPoolLeaked", () -> {
      ExecutorService pool = Executors.newFixedThreadPool(2); // POOL-LINE
      pool.submit(() -> { }).get();
      pool.submit(() -> { }).get();
      return null;
    });
    scenario("fixedPoolShutDown", () -> {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      pool.submit(() -> { }).get();
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      return null;
    });
    scenario("scheduledLeaked", () -> {
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      scheduler.schedule(() -> { }, 1, TimeUnit.MILLISECONDS).get();
      return null;
    });
    scenario("singleThreadExecutorShutDown", () -> {
      ExecutorService single = Executors.newSingleThreadExecutor();
      single.submit(() -> { }).get();
      single.shutdownNow();
      single.awaitTermination(10, TimeUnit.SECONDS);
      return null;
    });
    scenario("forkJoinLeaked", () -> {
      ForkJoinPool pool = new ForkJoinPool(2);
      pool.submit(() -> { }).get();
      return null;
    });
    scenario("forkJoinShutDown", () -> {
      ForkJoinPool pool = new ForkJoinPool(2);
      pool.submit(() -> { }).get();
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      return null;
    });
    scenario("commonPoolAndParallelStream", () -> {
      ForkJoinPool.commonPool().submit(() -> { }).get();
      IntStream.range(0, 100).parallel().sum();
      return null;
    });
    scenario("timerLeaked", () -> {
      Timer timer = new Timer("leaked-timer", true);
      ran(timer);
      return null;
    });
    scenario("timerCancelled", () -> {
      Timer timer = new Timer("cancelled-timer", true);
      ran(timer);
      timer.cancel();
      return null;
    });
    scenario("threadJoined", () -> {
      Thread thread = new Thread(() -> { });
      thread.start();
      thread.join();
      return null;
    });
    CountDownLatch release = new CountDownLatch(1);
    ScopeContext leftRunning = scenario("threadLeftRunning", () -> {
      Thread thread = new Thread(() -> await(release));
      thread.setDaemon(true);
      thread.start(); // THREAD-LINE
      return null;
    });
    System.out.println("liveThreadsStartedIn threadLeftRunning " + Registry.liveThreadsStartedIn(leftRunning));
    release.countDown();
    awaitTrue(() -> Registry.liveThreadsStartedIn(leftRunning) == 0);
    System.out.println("liveThreadsStartedIn threadLeftRunning after it ended " + Registry.liveThreadsStartedIn(leftRunning)
        + ", Thread shut down " + Registry.scopeCounts(leftRunning).get(Kind.Thread).shutdown());
    scenario("workersStartedOnDemandByAPoolBuiltBefore", () -> {
      builtBefore.submit(() -> { }).get();
      builtBefore.submit(() -> { }).get();
      return null;
    });
    scenario("poolWithAThreadFactoryStartingNothing", () -> {
      ThreadFactory named = r -> new Thread(r, "named-worker");
      ExecutorService pool = Executors.newCachedThreadPool(named);
      pool.submit(() -> { }).get();
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      return null;
    });
    scenario("staticPool", () -> {
      Holder.POOL.submit(() -> { }).get();
      return null;
    });
    scenario("cleaner", () -> {
      Cleaner.create();
      return null;
    });
    scenario("httpClient", () -> {
      HttpClient client = HttpClient.newHttpClient();
      if (FEATURE >= 21) {
        ((AutoCloseable) client).close();
      }
      return null;
    });
    if (FEATURE < 21) {
      // JDK 17 has no close: a client stops once dropped and collected (its selector thread stops it)
      ScopeContext dropped = scenario("httpClientDropped", () -> {
        HttpClient.newHttpClient();
        return null;
      });
      awaitTrue(() -> {
        System.gc();
        return Registry.scopeCounts(dropped).get(Kind.HttpClient).shutdown() == 1;
      });
      System.out.println("httpClientDropped after GC: HttpClient shutdown "
          + Registry.scopeCounts(dropped).get(Kind.HttpClient).shutdown());
    }
    if (FEATURE >= 25) {
      scenario("forkJoinScheduleLeaked", () -> {
        ForkJoinPool pool = new ForkJoinPool(1);
        Object task = ForkJoinPool.class.getMethod("schedule", Runnable.class, long.class, TimeUnit.class)
            .invoke(pool, (Runnable) () -> { }, 1L, TimeUnit.MILLISECONDS);
        ((java.util.concurrent.Future<?>) task).get();
        return null;
      });
      scenario("threadPerTaskExecutor", () -> {
        Object factory = Class.forName("java.lang.Thread$Builder").getMethod("factory")
            .invoke(Thread.class.getMethod("ofPlatform").invoke(null));
        ExecutorService perTask = (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
            .invoke(null, factory);
        perTask.submit(() -> { }).get();
        perTask.shutdown();
        return null;
      });
      scenario("platformThreadFromTheBuilder", () -> {
        Object builder = Thread.class.getMethod("ofPlatform").invoke(null);
        Thread thread = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
            .invoke(builder, (Runnable) () -> { });
        thread.join();
        return null;
      });
    }
    for (SiteSnapshot site : Registry.snapshot().processWide()) {
      System.out.println("processWide " + site.kind() + " " + site.processWide() + " " + site.site()
          + " live=" + site.counts().live());
    }
  }

  /** Runs {@code body} in a scope named {@code name} and prints the scope's counts of the JDK kinds. */
  private static ScopeContext scenario(String name, Callable<Void> body) throws Exception {
    ScopeContext scope = Scopes.open(name);
    try (scope) {
      body.call();
    }
    Thread.sleep(50); // a worker that just ran its task reaches its queue
    // what was shut down has no thread left (a pool's worker may still be ending after awaitTermination)
    awaitTrue(() -> Registry.scopeCounts(scope).values().stream().allMatch(c -> c.draining() == 0));
    StringBuilder line = new StringBuilder("scenario ").append(name).append(':');
    Map<Kind, Counts> counts = Registry.scopeCounts(scope);
    for (Kind kind : Kind.values()) {
      Counts c = counts.get(kind);
      if (kind.origin() == Kind.Origin.JDK && c.created() > 0) {
        line.append(' ').append(kind).append(' ').append(c.created()).append('/').append(c.shutdown()).append('/')
            .append(c.live()).append('/').append(c.liveThreads());
      }
    }
    for (SiteSnapshot site : Registry.scopeSites(scope)) {
      line.append(" at ").append(site.site());
    }
    System.out.println(line);
    return scope;
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

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitTrue(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.call() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** A pool in a static field, built the first time the class is used: process-wide. */
  private static final class Holder {
    static final ExecutorService POOL = Executors.newFixedThreadPool(1);
  }
}
