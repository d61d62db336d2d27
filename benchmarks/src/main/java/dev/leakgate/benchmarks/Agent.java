package dev.leakgate.benchmarks;

import dev.leakgate.agent.instrument.JdkPropagation;
import dev.leakgate.internal.probe.AgentInstaller;
import java.util.List;

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

  /** The JDK classes the agent wove in this fork (none without the agent, or before the first scope). */
  static List<String> wovenClasses() {
    try {
      return JdkPropagation.wovenClasses();
    } catch (LinkageError e) {
      return List.of(); // no agent in this fork
    }
  }
}
