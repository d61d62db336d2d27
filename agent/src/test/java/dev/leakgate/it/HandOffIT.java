package dev.leakgate.it;

import static dev.leakgate.it.support.Processors.builtIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.TestWindows;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.it.samples.NoopSpanExporter;
import dev.leakgate.it.support.Processors;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a scope is captured where work is handed off, never where a task object is built; a task
 * that carries nothing leaves the scope of the thread that runs it alone; a carried scope is used up
 * when the task runs; work that carries a scope counts for that scope alone, late or not; a component
 * built by a static initialiser belongs to the process, not to a scope.
 */
class HandOffIT {
  private static final long WAIT_SECONDS = 10;
  private static ExecutorService pool;
  private static ForkJoinPool forkJoin;

  private final Processors processors = new Processors();

  /** Pools whose threads run before any scope of these tests: only the hand-off can carry a scope to them. */
  @BeforeAll
  static void startPools() throws Exception {
    pool = Executors.newFixedThreadPool(1);
    pool.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    forkJoin = new ForkJoinPool(2);
    forkJoin.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopPools() {
    pool.shutdownNow();
    forkJoin.shutdownNow();
  }

  @AfterEach
  void shutDownWhatWasBuilt() {
    processors.shutDownAll();
  }

  @Test
  void aForkJoinTaskBuiltOutsideEveryScopeAndInvokedInOneRunsInIt() {
    ForkJoinTask<?> task = ForkJoinTask.adapt(processors::build);
    try (ScopeContext scope = Scopes.open("invoke")) {
      task.invoke(); // on this very thread: its scope stays current

      assertThat(builtIn(scope)).isEqualTo(1);
    }
  }

  @Test
  void forkJoinTasksBuiltOutsideEveryScopeCarryTheScopeTheyAreHandedOffIn() throws Exception {
    ForkJoinTask<?> invoked = ForkJoinTask.adapt(processors::build);
    ForkJoinTask<?> submitted = ForkJoinTask.adapt(processors::build);
    ForkJoinTask<?> forked = ForkJoinTask.adapt(processors::build);
    try (ScopeContext scope = Scopes.open("pool-invoke")) {
      forkJoin.invoke(invoked);
      forkJoin.submit(submitted).get(WAIT_SECONDS, TimeUnit.SECONDS);
      forked.fork().join();

      assertThat(builtIn(scope)).isEqualTo(3);
    }
  }

  @Test
  void aTaskBuiltInOneScopeCountsForTheScopeThatHandsItOff() throws Exception {
    ScopeContext builder = Scopes.open("builds-the-task");
    ForkJoinTask<?> task;
    try (builder) {
      task = ForkJoinTask.adapt(processors::build);
    }
    try (ScopeContext handler = Scopes.open("hands-it-off")) {
      forkJoin.submit(task).get(WAIT_SECONDS, TimeUnit.SECONDS);

      assertThat(builtIn(handler)).as("the scope that handed it off").isEqualTo(1);
      assertThat(builtIn(builder)).as("the scope it was built in").isZero();
    }
  }

  @Test
  void aRunnableHandedOffAgainOutsideEveryScopeRunsInNone() throws Exception {
    Semaphore runs = new Semaphore(0);
    Runnable reused = () -> {
      processors.build();
      runs.release();
    };
    ScopeContext first = Scopes.open("test-A");
    try (first) {
      pool.execute(reused);
      assertThat(runs.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
    pool.execute(reused); // the same object, handed off outside every scope
    assertThat(runs.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    ScopeContext second = Scopes.open("request-1");
    try (second) {
      pool.execute(reused);
      assertThat(runs.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(builtIn(first)).as("test-A: only the run it handed off").isEqualTo(1);
    assertThat(builtIn(second)).as("request-1: only the run it handed off").isEqualTo(1);
  }

  @Test
  void aForkJoinTaskRunAgainOutsideEveryScopeRunsInNone() {
    ScopeContext scope = Scopes.open("fork-join-A");
    ForkJoinTask<?> task;
    try (scope) {
      task = ForkJoinTask.adapt(processors::build);
      task.invoke();
    }
    task.reinitialize();
    task.invoke(); // outside every scope

    assertThat(builtIn(scope)).isEqualTo(1);
  }

  @Test
  void lateWorkCountsForTheTestThatHandedItOffAndNeverForTheNextTest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch built = new CountDownLatch(1);
    CountDownLatch buildOutside = new CountDownLatch(1);
    Thread outside = new Thread(() -> { // started outside every scope: builds while test 2 runs alone
      await(buildOutside);
      processors.build();
    }, "outside-every-scope");
    outside.start();
    ScopeContext test1 = Scopes.open("junit:test-1");
    TestWindows.open(test1);
    try {
      pool.execute(() -> { // queued work that builds after its test ended
        await(release);
        processors.build();
        built.countDown();
      });
    } finally {
      test1.close();
      TestWindows.close(test1);
    }
    ScopeContext test2 = Scopes.open("junit:test-2");
    TestWindows.open(test2);
    try {
      release.countDown();
      assertThat(built.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      buildOutside.countDown();
      outside.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

      assertThat(builtIn(test1)).as("test 1: the late work it handed off").isEqualTo(1);
      assertThat(builtIn(test2)).as("test 2: only what was built outside every scope while it ran alone").isEqualTo(1);
    } finally {
      test2.close();
      TestWindows.close(test2);
    }
  }

  @Test
  void aComponentBuiltByAStaticInitialiserBelongsToNoScope() {
    ScopeContext test = Scopes.open("junit:first-test");
    TestWindows.open(test);
    try {
      BatchSpanProcessor processWide = ProcessWide.PROCESSOR; // initialises the class: its first use is here

      assertThat(builtIn(test)).isZero();
      processWide.shutdown();
    } finally {
      test.close();
      TestWindows.close(test);
    }
  }

  /** Telemetry built once per process, in a static initialiser, as a service's holder class does. */
  private static final class ProcessWide {
    static final BatchSpanProcessor PROCESSOR = BatchSpanProcessor.builder(new NoopSpanExporter()).build();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
