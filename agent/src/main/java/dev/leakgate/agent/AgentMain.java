package dev.leakgate.agent;

import java.lang.instrument.Instrumentation;

/**
 * The -javaagent entry point. Premain stays cheap: it registers a transformer that only compares
 * class names and writes nothing; ASM loads when an SDK class does, JMX only when asked.
 */
public final class AgentMain {
  /**
   * Set to the agent's version once the agent runs in a JVM; probes read it through the Attach API.
   * A compile-time constant, so code outside the agent can use it without loading any agent class.
   */
  public static final String VERSION_PROPERTY = "leakgate.agent.version";

  private AgentMain() {}

  /** Called by the JVM for {@code -javaagent:leakgate-agent.jar=OPTIONS}. */
  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  /** Called when the agent is loaded into a running JVM ({@code leakgate-agent.jar attach PID}). */
  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  static void start(String args, Instrumentation inst, boolean attached) {
    try {
      AgentOptions options = AgentOptions.parse(args);
      for (String problem : options.problems()) {
        System.err.println("leakgate: " + problem);
      }
      if (System.getProperty(VERSION_PROPERTY) != null) {
        if (!options.quiet()) {
          System.err.println("leakgate: agent already active in this JVM; ignoring the second load");
        }
        return;
      }
      AgentRuntime.start(options, inst, attached);
    } catch (Throwable t) {
      System.err.println("leakgate: agent not started, the application runs without it: " + t);
    }
  }
}
