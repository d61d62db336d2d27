package dev.leakgate.it;

import static dev.leakgate.it.support.Processors.builtIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakgate.agent.registry.Propagation;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.it.support.Processors;
import java.time.Duration;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Work handed to another thread carries the scopes open where it was handed off: a component built
 * there belongs to them. Every JDK hand-off the agent follows, each with the real SDK.
 */
class PropagationIT {
  private final Processors processors = new Processors();

  @AfterEach
  void shutDownWhatWasBuilt() {
    processors.shutDownAll();
  }

  /** A pool whose workers all run already: they were not born in the scope under test, so only propagation can carry it. */
  private static <T extends ExecutorService> T warm(T pool, int threads) throws Exception {
    java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(threads);
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        all.countDown();
        try {
          all.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    all.await(10, TimeUnit.SECONDS);
    return pool;
  }

  @Test
  void anExecutorTaskBuildsInTheSubmittersScope() throws Exception {
    ExecutorService pool = warm(Executors.newFixedThreadPool(2), 2);
    try (ScopeContext scope = Scopes.open("submit")) {
      pool.submit(processors::build).get(10, TimeUnit.SECONDS);
      pool.execute(processors::build);
      pool.invokeAll(List.of(() -> {
        processors.build();
        return null;
      }));
      await().atMost(Duration.ofSeconds(10)).until(() -> builtIn(scope) == 3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fireAndForgetOntoAPoolThatExistedBeforeTheScope() throws Exception {
    ExecutorService pool = warm(Executors.newFixedThreadPool(1), 1); // the worker exists before the scope opens
    try (ScopeContext scope = Scopes.open("fire-and-forget")) {
      pool.execute(() -> {
        sleep(50);
        processors.build();
      });
      scope.close(); // the handler answered: the work goes on after its scope closed
      await().atMost(Duration.ofSeconds(10)).until(() -> builtIn(scope) == 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPoolThreadBornInAScopeDoesNotCarryItIntoLaterWork() throws Exception {
    ExecutorService pool;
    ScopeContext scope = Scopes.open("born-here");
    try (scope) {
      pool = Executors.newFixedThreadPool(1);
      pool.submit(() -> { }).get(); // the worker thread starts (and inherits) inside the scope
    }
    try {
      pool.submit(processors::build).get(10, TimeUnit.SECONDS); // handed off outside every scope
      assertThat(builtIn(scope)).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void completableFuturesCarryTheScopeOnTheDefaultAndAnExplicitExecutor() throws Exception {
    ExecutorService pool = warm(Executors.newSingleThreadExecutor(), 1);
    try (ScopeContext scope = Scopes.open("completable")) {
      CompletableFuture.runAsync(processors::build).get(10, TimeUnit.SECONDS);
      CompletableFuture.runAsync(processors::build, pool).get(10, TimeUnit.SECONDS);
      CompletableFuture.supplyAsync(() -> 1, pool).thenAcceptAsync(x -> processors.build(), pool).get(10, TimeUnit.SECONDS);
      assertThat(builtIn(scope)).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNewThreadStartsInTheScopeOfItsStarter() throws Exception {
    try (ScopeContext scope = Scopes.open("thread")) {
      Thread t = new Thread(processors::build);
      t.start();
      t.join(10_000);
      assertThat(builtIn(scope)).isEqualTo(1);
    }
  }

  @Test
  void aVirtualThreadStartsInTheScopeOfItsStarter() throws Exception {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    try (ScopeContext scope = Scopes.open("virtual")) {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Thread t = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, (Runnable) processors::build);
      t.join(10_000);
      assertThat(builtIn(scope)).isEqualTo(1);
    }
  }

  @Test
  void aParallelStreamAndForkJoinTasksCarryTheScope() throws Exception {
    ForkJoinPool pool = warm(new ForkJoinPool(2), 2);
    try (ScopeContext scope = Scopes.open("fork-join")) {
      IntStream.range(0, 8).parallel().forEach(i -> processors.build());
      pool.submit(processors::build).get(10, TimeUnit.SECONDS);
      pool.invoke(ForkJoinTask.adapt(processors::build));
      assertThat(builtIn(scope)).isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scheduledAndPeriodicTasksCarryTheScope() throws Exception {
    ScheduledExecutorService pool = warm(Executors.newSingleThreadScheduledExecutor(), 1);
    try (ScopeContext scope = Scopes.open("scheduled")) {
      pool.schedule(processors::build, 10, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
      ScheduledFuture<?> periodic = pool.scheduleAtFixedRate(processors::build, 0, 5, TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> builtIn(scope) >= 4);
      periodic.cancel(false);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTimerTaskCarriesTheScope() {
    Timer timer = new Timer("propagation-timer", true); // its thread starts here, outside the scope
    try (ScopeContext scope = Scopes.open("timer")) {
      timer.schedule(new TimerTask() {
        @Override
        public void run() {
          processors.build();
        }
      }, 10);
      await().atMost(Duration.ofSeconds(10)).until(() -> builtIn(scope) == 1);
    } finally {
      timer.cancel();
    }
  }

  @Test
  void aComponentBelongsToEveryScopeOpenWhereItIsBuilt() throws Exception {
    ExecutorService pool = warm(Executors.newSingleThreadExecutor(), 1);
    try (ScopeContext test = Scopes.open("test")) {
      ScopeContext request;
      try (ScopeContext handler = Scopes.open("request-17")) {
        request = handler;
        pool.submit(processors::build).get(10, TimeUnit.SECONDS);
      }
      assertThat(builtIn(request)).isEqualTo(1);
      assertThat(builtIn(test)).isEqualTo(1);
      assertThat(Scopes.current()).isSameAs(test);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tasksKeepTheirIdentityAndTheTableForgetsFinishedOnes() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Runnable task = () -> sleep(200);
    try (ScopeContext scope = Scopes.open("identity")) {
      pool.execute(() -> sleep(100));
      pool.execute(task);
      List<Runnable> pending = pool.shutdownNow();
      assertThat(pending).containsExactly(task);
    }
    pool.awaitTermination(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      System.gc();
      return Propagation.carried() < 100;
    });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
