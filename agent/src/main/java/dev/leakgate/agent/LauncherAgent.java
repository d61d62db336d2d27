package dev.leakgate.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent of an executable jar that carries LeakGate ({@code Launcher-Agent-Class} in
 * {@code leakgate.jar}): started before main, quietly, so every leakgate command observes itself.
 */
public final class LauncherAgent {
  private LauncherAgent() {}

  /** Called by the launcher before the jar's main class. */
  public static void agentmain(String args, Instrumentation inst) {
    AgentMain.start(args == null || args.isEmpty() ? "log=quiet" : args, inst, false);
  }
}
