package dev.leakgate.it.samples;

import dev.leakgate.agent.instrument.JdkPropagation;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Uses the JDK's executors, a Timer, a thread, a fork-join pool and an HTTP client without a scope and
 * prints the JDK classes woven (none) and the JDK's components counted (none); then
 * opens the JVM's first scope, hands work to those same pools (their threads started before any
 * weaving) and prints the classes woven and how many processors the scope got (3).
 */
public final class ExecutorsWithoutScopes {
  private ExecutorsWithoutScopes() {}

  public static void main(String[] args) {
    try {
      run();
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // the pools' threads would keep the JVM alive
    }
  }

  private static void run() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    pool.submit(() -> { }).get();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    scheduler.schedule(() -> { }, 1, TimeUnit.MILLISECONDS).get();
    Timer timer = new Timer("sample-timer", true);
    CountDownLatch timerRan = new CountDownLatch(1);
    timer.schedule(task(timerRan::countDown), 1);
    timerRan.await(10, TimeUnit.SECONDS);
    CompletableFuture.runAsync(() -> { }).get();
    Thread thread = new Thread(() -> { });
    thread.start();
    thread.join();
    ForkJoinPool forkJoin = new ForkJoinPool(1);
    forkJoin.submit(() -> { }).get();
    forkJoin.shutdown();
    HttpClient.newHttpClient();
    System.out.println("before: " + JdkPropagation.wovenClasses());
    System.out.println("JDK kinds counted before: " + jdkKindsCreated());

    ScopeContext first = Scopes.open("first");
    try (first) {
      pool.submit(ExecutorsWithoutScopes::build).get(10, TimeUnit.SECONDS);
      scheduler.schedule(ExecutorsWithoutScopes::build, 1, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
      CountDownLatch built = new CountDownLatch(1);
      timer.schedule(task(() -> {
        build();
        built.countDown();
      }), 1);
      built.await(10, TimeUnit.SECONDS);
    }
    System.out.println("after: " + JdkPropagation.wovenClasses());
    System.out.println("JDK kinds counted after: " + jdkKindsCreated());
    System.out.println("carried: " + Registry.scopeCounts(first).get(Kind.BatchSpanProcessor).created());
  }

  /** Components of the JDK's kinds created so far (none before the JDK is woven). */
  private static long jdkKindsCreated() {
    long created = 0;
    for (Kind kind : Kind.values()) {
      if (kind.origin() == Kind.Origin.JDK) {
        created += Registry.created(kind);
      }
    }
    return created;
  }

  private static void build() {
    BatchSpanProcessor.builder(new NoopSpanExporter()).build().shutdown();
  }

  private static TimerTask task(Runnable body) {
    return new TimerTask() {
      @Override
      public void run() {
        body.run();
      }
    };
  }
}
