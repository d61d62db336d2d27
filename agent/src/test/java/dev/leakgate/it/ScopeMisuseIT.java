package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.api.LeakGate;
import dev.leakgate.api.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What an application can get wrong with scopes never throws into it nor corrupts another scope's counts. */
class ScopeMisuseIT {

  private static long providers(ScopeContext scope) {
    return Registry.scopeCounts(scope).get(Kind.SdkTracerProvider).created();
  }

  @Test
  void oddNamesAreKeptAsReadableLabels() {
    String huge = "x".repeat(10_240);
    for (String name : new String[] {null, "", huge}) {
      assertThatCode(() -> {
        try (Scope s = LeakGate.scope(name)) {
          assertThat(s.name()).isEqualTo(name);
          assertThat(Scopes.current().name()).isNotEmpty().hasSizeLessThanOrEqualTo(ScopeContext.MAX_NAME_LENGTH + 3);
        }
      }).doesNotThrowAnyException();
    }
    assertThat(Scopes.current()).isNull();
  }

  @Test
  void closingTwiceOrOutOfOrderLeavesTheRightScopeCurrent() {
    ScopeContext outer = Scopes.open("outer");
    ScopeContext inner = Scopes.open("inner");
    outer.close(); // out of order: inner is still open, so it stays current
    assertThat(Scopes.current()).isSameAs(inner);
    SdkTracerProvider.builder().build().close();
    inner.close();
    inner.close();
    outer.close();
    assertThat(Scopes.current()).isNull();
    assertThat(providers(inner)).isEqualTo(1);
    assertThat(providers(outer)).as("built after outer closed: not outer's").isZero();
  }

  @Test
  void closingOnAnotherThreadNeitherThrowsNorLeavesTheScopeCurrentOnTheOpenersThread() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      ScopeContext around = Scopes.open("around");
      ScopeContext mine = Scopes.open("mine");
      Future<?> closed = other.submit(mine::close);
      closed.get(10, TimeUnit.SECONDS);
      assertThat(mine.isClosed()).isTrue();
      assertThat(Scopes.current()).as("the opener's thread is back in the scope around the closed one").isSameAs(around);
      mine.close();
      assertThat(Scopes.current()).isSameAs(around);
      around.close();
      assertThat(Scopes.current()).isNull();
      assertThat(other.submit(Scopes::current).get(10, TimeUnit.SECONDS)).as("the worker kept nothing").isNull();
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aTaskThatThrowsGivesBackTheWorkersScopeAndCountsOnlyForItsOwn() throws Exception {
    // the worker's uncaught exception is kept and checked here, not printed into the build's output
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newSingleThreadExecutor(task -> {
      Thread worker = new Thread(task, "scope-misuse-worker");
      worker.setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
      return worker;
    });
    pool.submit(() -> { }).get();
    try {
      ScopeContext failing;
      try (ScopeContext scope = Scopes.open("throws")) {
        failing = scope;
        Future<?> f = pool.submit(() -> {
          SdkTracerProvider.builder().build().close();
          throw new IllegalStateException("the task's own failure");
        });
        assertThatCode(() -> f.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the task's own failure");
        pool.execute(() -> {
          throw new IllegalStateException("uncaught in the worker");
        });
      }
      ScopeContext next;
      try (ScopeContext scope = Scopes.open("next")) {
        next = scope;
        pool.submit(() -> SdkTracerProvider.builder().build().close()).get(10, TimeUnit.SECONDS);
      }
      assertThat(providers(failing)).isEqualTo(1);
      assertThat(providers(next)).isEqualTo(1);
      // the dying worker hands its exception over after its replacement took the next task
      for (int i = 0; i < 1000 && uncaught.isEmpty(); i++) {
        Thread.sleep(10);
      }
      assertThat(uncaught).extracting(Throwable::getMessage).containsExactly("uncaught in the worker");
      assertThat(pool.submit(Scopes::current).get(10, TimeUnit.SECONDS)).isNull();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tenThousandScopesLaterAScopeStillCounts() {
    for (int i = 0; i < 12_000; i++) {
      try (ScopeContext s = Scopes.open("many-" + i)) {
        SdkTracerProvider.builder().build().close();
      }
    }
    try (ScopeContext last = Scopes.open("after-many")) {
      SdkTracerProvider.builder().build();
      assertThat(Registry.scopeCounts(last).get(Kind.SdkTracerProvider).live()).isEqualTo(1);
    }
  }
}
