package dev.leakgate.benchmarks.programs;

import java.lang.instrument.Instrumentation;

/** An agent that does nothing: the JVM's own price for any -javaagent, the floor under LeakGate's. */
public final class EmptyAgent {
  private EmptyAgent() {}

  /** Does nothing. */
  public static void premain(String args, Instrumentation inst) {
    // nothing: this agent only measures what -javaagent itself costs
  }
}
