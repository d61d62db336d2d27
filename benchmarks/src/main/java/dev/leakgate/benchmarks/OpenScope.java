package dev.leakgate.benchmarks;

import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A LeakGate scope open on the benchmark thread for the whole trial, as in a {@code @LeakCheck} test. */
@State(Scope.Thread)
public class OpenScope {
  ScopeContext scope;

  /** Opens it (the JVM's first scope: the agent weaves the JDK's executors now). */
  @Setup(Level.Trial)
  public void open() {
    Agent.require();
    scope = Scopes.open("benchmark");
  }

  /** Closes it. */
  @TearDown(Level.Trial)
  public void close() {
    scope.close();
  }
}
