package dev.leakgate.agent.jmx;

import java.util.Map;

/** The registry over JMX as {@code dev.leakgate:type=Registry}: counts per kind and the full report. */
public interface RegistryMXBean {
  /** Instances created, per kind. */
  Map<String, Long> getCreated();

  /** Instances shut down, per kind. */
  Map<String, Long> getShutdown();

  /** Instances created and not shut down, per kind. */
  Map<String, Long> getLive();

  /** Threads of tracked components still alive, per kind. */
  Map<String, Long> getLiveThreads();

  /** One line per {@code alarm=} rule of the agent: its live count, whether it is over, how often it fired. */
  String[] getAlarms();

  /** The agent's version. */
  String getAgentVersion();

  /** The full report, schema leakgate.report/1. */
  String reportJson();
}
