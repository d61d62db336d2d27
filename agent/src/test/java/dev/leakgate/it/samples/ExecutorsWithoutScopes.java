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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Uses the JDK's executors and a Timer without a scope and prints the JDK classes woven (none); then
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
    System.out.println("before: " + JdkPropagation.wovenClasses());

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
    System.out.println("carried: " + Registry.scopeCounts(first).get(Kind.BatchSpanProcessor).created());
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
