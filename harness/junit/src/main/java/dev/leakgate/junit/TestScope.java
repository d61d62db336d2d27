package dev.leakgate.junit;

import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.internal.analysis.Sampler;
import dev.leakgate.reports.model.Report;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.InvocationInterceptor;

/**
 * The LeakGate scope of one running test: components built on the test's thread, in the work it
 * hands to other threads, and on a {@link LeakMeter}'s load threads belong to it, so parallel tests
 * are told apart. The scope is also the test's window: while it is the only test running, whatever
 * the JVM builds until its counts have settled is the test's. The only class of the extension that
 * touches the agent's registry, so it is loaded after the agent is installed.
 */
final class TestScope {
  private final String name;
  private final LeakCheckSettings settings;
  private final ScopeContext scope;
  private volatile GrowthResult lastMeasurement;

  private TestScope(String name, LeakCheckSettings settings) {
    this.name = name;
    this.settings = settings;
    this.scope = Scopes.open(name);
    Registry.openWindow(scope);
  }

  /** Opens the scope on the calling thread (the test's), covering @BeforeEach methods too. */
  static TestScope open(String name, LeakCheckSettings settings) {
    return new TestScope(name, settings);
  }

  String name() {
    return name;
  }

  LeakCheckSettings settings() {
    return settings;
  }

  /** Runs the test body in the scope on whatever thread executes it (e.g. a timeout's separate thread). */
  void proceedInScope(InvocationInterceptor.Invocation<Void> invocation) throws Throwable {
    ScopeContext previous = Scopes.attach(scope);
    try {
      invocation.proceed();
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
    return new ScopedRegistry(scope);
  }

  void noteMeasurement(GrowthResult result) {
    lastMeasurement = result;
  }

  /** Waits for this test's counts to settle and returns the failure message, if the test leaked. */
  Optional<String> verdict() {
    Report left = new Sampler(registry(), settings.settle(), settings.timeout()).settle();
    return LeakMessage.of(left, settings, lastMeasurement);
  }

  /** Closes the scope on the test's thread and the test's window. */
  void close() {
    scope.close();
    Registry.closeWindow(scope);
  }

  @Override
  public String toString() {
    return "TestScope{" + name + ", " + settings + "}";
  }
}
