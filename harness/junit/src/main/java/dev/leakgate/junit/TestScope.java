package dev.leakgate.junit;

import dev.leakgate.agent.registry.TestWindows;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.internal.analysis.Sampler;
import dev.leakgate.reports.model.Report;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.InvocationInterceptor;

/**
 * The LeakGate scope of one running test, or of one test class: components built in it, in the work
 * it hands to other threads, and on a {@link LeakMeter}'s load threads belong to it, so parallel tests
 * are told apart. A test's scope covers the construction of its test instance (field initialisers),
 * then everything from {@code beforeEach} to {@code afterEach}, and is also the test's window: while it
 * is the only test running, whatever the JVM builds that carries no test's scope is the test's. A
 * class's scope covers its constructor (one instance per class) and its {@code @BeforeAll} and
 * {@code @AfterAll} methods. The only class of the extension that touches the agent's registry, so it
 * is loaded after the agent is installed.
 */
final class TestScope {
  private final LeakCheckSettings settings;
  private final ScopeContext scope;
  private final boolean testClass;
  private final ScopedRegistry registry;
  private volatile GrowthResult lastMeasurement;
  /** What was current on the test's thread before {@link #begin}, given back by {@link #close}. */
  private ScopeContext beforeBegin;
  private boolean begun;

  private TestScope(String name, LeakCheckSettings settings, boolean testClass) {
    this.settings = settings;
    this.testClass = testClass;
    this.scope = Scopes.create(name);
    if (testClass) {
      TestWindows.markClassScope(scope);
    } else {
      TestWindows.markTestScope(scope);
    }
    this.registry = new ScopedRegistry(scope, !testClass, settings.timeout());
  }

  /** A test's scope, not entered yet: the test's phases enter it ({@link #proceedInScope}, {@link #begin}). */
  static TestScope forTest(String name, LeakCheckSettings settings) {
    return new TestScope(name, settings, false);
  }

  /** A test class's scope: its constructor and its @BeforeAll/@AfterAll methods run in it. */
  static TestScope forClass(String name, LeakCheckSettings settings) {
    return new TestScope(name, settings, true);
  }

  String name() {
    return scope.name();
  }

  LeakCheckSettings settings() {
    return settings;
  }

  /** Names the scope after its test, once JUnit says which test an instance built earlier is for. */
  void rename(String name) {
    scope.rename(name);
  }

  /**
   * The test starts (beforeEach): its window opens, and the scope is current on the calling thread
   * (the test's) until {@link #close}, covering other extensions' callbacks and @BeforeEach methods.
   */
  void begin() {
    if (!testClass) {
      TestWindows.open(scope);
    }
    registry.quietPeriodDue(); // only what happens from here on is the test's
    beforeBegin = Scopes.attach(scope);
    begun = true;
  }

  /** Runs {@code invocation} (the test body, a constructor, a @BeforeAll method) in the scope on whatever thread executes it. */
  <T> T proceedInScope(InvocationInterceptor.Invocation<T> invocation) throws Throwable {
    ScopeContext previous = Scopes.attach(scope);
    try {
      return invocation.proceed();
    } finally {
      Scopes.restore(previous);
    }
  }

  /** {@code request} wrapped so that it runs in this scope on the thread that calls it. */
  <T> Callable<T> inScope(Callable<T> request) {
    return () -> {
      ScopeContext previous = Scopes.attach(scope);
      try {
        return request.call();
      } finally {
        Scopes.restore(previous);
      }
    };
  }

  ScopedRegistry registry() {
    return registry;
  }

  void noteMeasurement(GrowthResult result) {
    lastMeasurement = result;
  }

  /**
   * Waits until this scope's work in flight has ended (and, after work nothing carried the scope to, a
   * quiet period) and returns the failure message, if the test (or class) leaked. The test's thread
   * leaves the scope first: the waiting is not the test's work.
   */
  Optional<String> verdict() {
    leave();
    Report left = new Sampler(registry, settings.settle(), settings.timeout()).settle();
    return LeakMessage.of(left, settings, lastMeasurement, testClass ? "test class" : "test");
  }

  /** Closes the scope (and the test's window); the test's thread goes back to what was current before. */
  void close() {
    leave();
    scope.close();
    if (!testClass) {
      TestWindows.close(scope);
    }
  }

  /** The test's thread goes back to what was current before {@link #begin}. */
  private void leave() {
    if (begun) {
      Scopes.restore(beforeBegin);
      begun = false;
    }
  }

  @Override
  public String toString() {
    return "TestScope{" + scope.name() + ", " + settings + "}";
  }
}
