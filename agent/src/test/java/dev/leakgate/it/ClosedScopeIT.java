package dev.leakgate.it;

import static dev.leakgate.it.support.Processors.builtIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.it.support.Processors;
import dev.leakgate.it.support.Reachability;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16: a closed scope is over. Closed on another thread than its opener, it stops being current
 * there, and new scopes never nest under it; once its work ran, nothing LeakGate keeps (a table, a
 * pool's or a timer's thread) holds it, so it can be collected even while the task objects live on.
 * Each scope under test is opened in a method that returns only a weak reference to it.
 */
class ClosedScopeIT {
  private static final long WAIT_SECONDS = 10;
  /** Long enough for a finished task's last steps on its worker; far shorter than a stuck reference takes. */
  private static final Duration COLLECTABLE_WITHIN = Duration.ofSeconds(5);
  private static final int REQUESTS = 100_000;

  private final Processors processors = new Processors();

  @AfterEach
  void shutDownWhatWasBuilt() {
    processors.shutDownAll();
  }

  @Test
  void aScopeClosedOnAnotherThreadNoLongerCountsWhatItsOpenerBuilds() throws Exception {
    ExecutorService callbacks = Executors.newSingleThreadExecutor();
    try {
      onANewThread(() -> { // the opener's thread ends with the test, whatever it keeps
        ScopeContext request = Scopes.open("request");
        callbacks.submit(request::close).get(WAIT_SECONDS, TimeUnit.SECONDS); // the request completes elsewhere
        processors.build(); // the opener (an event loop) goes on
        try (ScopeContext next = Scopes.open("next-request")) {
          processors.build();

          assertThat(builtIn(request)).as("the closed request").isZero();
          assertThat(builtIn(next)).as("the next request").isEqualTo(1);
        }
        return null;
      });
    } finally {
      callbacks.shutdownNow();
    }
  }

  @Test
  void aHundredThousandRequestsClosedOnACallbackThreadLeaveTheLoopThreadAsItWas() throws Exception {
    try (Closer callbacks = new Closer()) {
      onANewThread(() -> {
        List<WeakReference<ScopeContext>> closed = new ArrayList<>(REQUESTS);
        ScopeContext first = null;
        ScopeContext last = null;
        for (int n = 0; n < REQUESTS; n++) {
          ScopeContext request = Scopes.open("request-" + n);
          callbacks.close(request); // the request completes on a callback thread
          if (n == 0) {
            first = request;
          } else if (n == REQUESTS - 1) {
            last = request;
          } else {
            closed.add(new WeakReference<>(request));
          }
        }
        processors.build();
        ScopeContext fresh = Scopes.open("fresh");
        String shown = shown(fresh);
        fresh.close();
        long held = stillReachable(closed);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(builtIn(first)).as("built on the loop thread, counted for request-0").isZero();
        soft.assertThat(builtIn(last)).as("built on the loop thread, counted for request-%d", REQUESTS - 1).isZero();
        soft.assertThat(shown).as("toString() of a scope opened afterwards")
            .doesNotContain("request-", "StackOverflowError").hasSizeLessThan(100);
        soft.assertThat(held).as("closed requests still reachable of %d", closed.size()).isZero();
        soft.assertAll();
        return null;
      });
    }
  }

  /** A callback thread that closes the scopes it is given, one at a time, the giver waiting (spinning: 100,000 hand-shakes). */
  private static final class Closer implements AutoCloseable {
    private final AtomicReference<ScopeContext> next = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopped;

    Closer() {
      thread = new Thread(this::loop, "callback-closer");
      thread.setDaemon(true);
      thread.start();
    }

    private void loop() {
      while (!stopped) {
        ScopeContext scope = next.get();
        if (scope == null) {
          Thread.onSpinWait();
          Thread.yield();
          continue;
        }
        scope.close();
        next.set(null);
      }
    }

    /** Has the callback thread close {@code scope} and waits until it did (bounded). */
    void close(ScopeContext scope) {
      next.set(scope);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (next.get() != null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the callback thread did not close " + scope.name() + " within " + WAIT_SECONDS + " s");
        }
        Thread.onSpinWait();
        Thread.yield();
      }
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }
  }

  @Test
  void aRunnableStillHeldAfterItRanDoesNotKeepTheScopeItWasHandedOffIn() throws Exception {
    ExecutorService pool = startedPool();
    Semaphore ran = new Semaphore(0);
    Runnable task = ran::release;
    try {
      WeakReference<ScopeContext> scope = handOffIn("test-A", pool, task, ran);

      assertThat(Reachability.clears(scope, COLLECTABLE_WITHIN)).as("test-A collectable, its Runnable still held").isTrue();
      assertThat(task).isNotNull();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void completableFutureStagesThatHandNothingOffDoNotKeepTheScope() {
    List<CompletableFuture<Integer>> pending = new ArrayList<>();
    WeakReference<ScopeContext> scope = synchronousChainsIn("chains", pending);

    assertThat(Reachability.clears(scope, COLLECTABLE_WITHIN)).as("the closed scope, %d pending chains held", pending.size()).isTrue();
  }

  /** What a scope starts and leaves running: a pool's or a timer's thread lives on after it closed. */
  enum Starter {
    /** {@code prestartAllCoreThreads}: the workers start in the scope and have run no task yet. */
    PRESTARTED_POOL,
    /** A pool whose worker started with its first task, handed off in the scope (followed already before issue 16). */
    POOL_STARTED_BY_ITS_FIRST_TASK,
    /** A {@code java.util.Timer} whose thread ran a task of the scope. */
    TIMER,
    /** A {@code ForkJoinPool} whose workers started in the scope and ran a task of it. */
    FORK_JOIN_POOL
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Starter.class)
  void aPoolOrTimerStartedInAScopeDoesNotKeepItOnceItsWorkRan(Starter starter) throws Exception {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      WeakReference<ScopeContext> scope = startIn(starter, started);

      assertThat(Reachability.clears(scope, COLLECTABLE_WITHIN)).as("the closed scope, the %s still running", starter).isTrue();
    } finally {
      for (AutoCloseable c : started) {
        c.close();
      }
    }
  }

  /**
   * Builds the pool or timer before the scope (one built in the scope is that scope's component, whose
   * record keeps the scope while it lives), then starts its threads or runs its task in the scope.
   */
  private static WeakReference<ScopeContext> startIn(Starter starter, List<AutoCloseable> started) throws Exception {
    switch (starter) {
      case PRESTARTED_POOL -> {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        started.add(pool::shutdownNow);
        try (ScopeContext scope = Scopes.open("starts-" + starter)) {
          pool.prestartAllCoreThreads();
          return new WeakReference<>(scope);
        }
      }
      case POOL_STARTED_BY_ITS_FIRST_TASK -> {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        started.add(pool::shutdownNow);
        try (ScopeContext scope = Scopes.open("starts-" + starter)) {
          pool.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
          return new WeakReference<>(scope);
        }
      }
      case TIMER -> {
        Timer timer = new Timer("scope-timer", true);
        started.add(timer::cancel);
        try (ScopeContext scope = Scopes.open("starts-" + starter)) {
          CountDownLatch ran = new CountDownLatch(1);
          timer.schedule(new TimerTask() {
            @Override
            public void run() {
              ran.countDown();
            }
          }, 1);
          assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
          return new WeakReference<>(scope);
        }
      }
      case FORK_JOIN_POOL -> {
        ForkJoinPool pool = new ForkJoinPool(2);
        started.add(pool::shutdownNow);
        try (ScopeContext scope = Scopes.open("starts-" + starter)) {
          pool.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
          return new WeakReference<>(scope);
        }
      }
      default -> throw new IllegalArgumentException(starter.toString());
    }
  }

  private static WeakReference<ScopeContext> handOffIn(String name, ExecutorService pool, Runnable task, Semaphore ran)
      throws InterruptedException {
    try (ScopeContext scope = Scopes.open(name)) {
      pool.execute(task);
      assertThat(ran.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      return new WeakReference<>(scope);
    }
  }

  /** Two-stage chains built in a scope, as a request handler's synchronous code does; half stay pending (held by the caller). */
  private static WeakReference<ScopeContext> synchronousChainsIn(String name, List<CompletableFuture<Integer>> pending) {
    try (ScopeContext scope = Scopes.open(name)) {
      for (int i = 0; i < 10_000; i++) {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<Integer> result = source.thenApply(x -> x + 1).thenApply(x -> x * 2);
        if (i % 2 == 0) {
          source.complete(i);
          assertThat(result.join()).isEqualTo((i + 1) * 2);
        } else {
          pending.add(source);
        }
      }
      return new WeakReference<>(scope);
    }
  }

  private static ExecutorService startedPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    pool.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    return pool;
  }

  /** toString() of a scope, or what it threw. */
  private static String shown(ScopeContext scope) {
    try {
      return scope.toString();
    } catch (StackOverflowError e) {
      return "StackOverflowError in toString()";
    }
  }

  /** How many of {@code refs} stay reachable after forced collections (bounded). */
  private static long stillReachable(List<WeakReference<ScopeContext>> refs) throws InterruptedException {
    long deadline = System.nanoTime() + COLLECTABLE_WITHIN.toNanos();
    long held;
    do {
      System.gc();
      held = refs.stream().filter(r -> r.get() != null).count();
      if (held > 0) {
        Thread.sleep(25);
      }
    } while (held > 0 && System.nanoTime() < deadline);
    return held;
  }

  /** Runs {@code body} on a thread of its own, started outside every scope, and waits for it. */
  private static <T> T onANewThread(Callable<T> body) throws Exception {
    FutureTask<T> task = new FutureTask<>(body);
    Thread thread = new Thread(task, "scope-opener");
    thread.start();
    try {
      return task.get(2 * 60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw (Exception) e.getCause();
    }
  }
}
