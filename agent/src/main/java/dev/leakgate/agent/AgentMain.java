package dev.leakgate.agent;

import dev.leakgate.agent.jmx.RegistryJmx;
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
  /** Set once the registry MBean is registered ({@code jmx=on}, or a probe's second load asked for it). */
  public static final String JMX_PROPERTY = "leakgate.agent.jmx";

  private AgentMain() {}

  /** Called by the JVM for {@code -javaagent:leakgate-agent.jar=OPTIONS}. */
  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  /** Called when the agent is loaded into a running JVM ({@code leakgate-agent.jar attach PID}, {@code leakgate probe}). */
  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  /** A load into a JVM that runs the agent already: only {@code jmx=on} is honoured (that is how a probe asks for the MBean). */
  private static void secondLoad(AgentOptions options) {
    if (options.jmx()) {
      RegistryJmx.register();
    } else if (!options.quiet()) {
      System.err.println("leakgate: agent already active in this JVM; ignoring the second load (only jmx=on is honoured)");
    }
  }

  static void start(String args, Instrumentation inst, boolean attached) {
    try {
      AgentOptions options = AgentOptions.parse(args);
      for (String problem : options.problems()) {
        System.err.println("leakgate: " + problem);
      }
      if (System.getProperty(VERSION_PROPERTY) != null) {
        secondLoad(options);
        return;
      }
      AgentRuntime.start(options, inst, attached);
    } catch (Throwable t) {
      System.err.println("leakgate: agent not started, the application runs without it: " + t);
    }
  }
}
