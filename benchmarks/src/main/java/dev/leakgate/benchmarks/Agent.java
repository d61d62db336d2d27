package dev.leakgate.benchmarks;

import dev.leakgate.internal.probe.AgentInstaller;

/** Whether the LeakGate agent runs in this fork. */
final class Agent {
  private Agent() {}

  /**
   * Throws unless the fork was started with the agent ({@code @Fork(jvmArgsAppend =
   * BuildPaths.WITH_AGENT)}), as a service is: premain, not a late attach.
   */
  static void require() {
    if (!AgentInstaller.isInstalled()) {
      throw new IllegalStateException("the LeakGate agent is not running in this fork: expected "
          + BuildPaths.WITH_AGENT + " (pass -jvmArgsAppend -javaagent:PATH/benchmarks.jar=log=quiet "
          + "when the jar has moved)");
    }
  }
}
