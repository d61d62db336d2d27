package dev.leakgate.harness.junit;

import dev.leakgate.api.LeakGate;
import dev.leakgate.api.Registry;
import dev.leakgate.api.Scope;
import dev.leakgate.harness.analysis.Sampler;
import dev.leakgate.reports.model.Report;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.InvocationInterceptor;

/**
 * The LeakGate scope of one running test: components built on the test's thread (and on a
 * {@link LeakMeter}'s load threads) carry its name, so parallel tests are told apart. The only
 * class of the extension that touches the agent's API, so it is loaded after the agent is installed.
 */
final class TestScope {
  private final String name;
  private final LeakCheckSettings settings;
  private final Scope opened;
  private volatile GrowthResult lastMeasurement;

  private TestScope(String name, LeakCheckSettings settings) {
    this.name = name;
    this.settings = settings;
    this.opened = LeakGate.scope(name);
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
    Scope inBody = LeakGate.scope(name);
    try {
      invocation.proceed();
    } finally {
      inBody.close();
    }
  }

  /** {@code request} wrapped so that it runs in this scope on the thread that calls it. */
  <T> Callable<T> inScope(Callable<T> request) {
    return () -> {
      Scope onLoadThread = LeakGate.scope(name);
      try {
        return request.call();
      } finally {
        onLoadThread.close();
      }
    };
  }

  ScopedRegistry registry() {
    return new ScopedRegistry(name);
  }

  void noteMeasurement(GrowthResult result) {
    lastMeasurement = result;
  }

  /** Waits for this test's counts to settle and returns the failure message, if the test leaked. */
  Optional<String> verdict() {
    Report left = new Sampler(registry(), settings.settle(), settings.timeout()).settle();
    return LeakMessage.of(left, settings, lastMeasurement);
  }

  /** Closes the scope on the test's thread and drops its counters. */
  void close() {
    opened.close();
    Registry.forgetScope(name);
  }

  @Override
  public String toString() {
    return "TestScope{" + name + ", " + settings + "}";
  }
}
