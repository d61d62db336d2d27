package dev.leakgate.agent.jmx;

/**
 * The counts of one kind as {@code dev.leakgate:type=Components,kind=KIND}: plain numbers, one MBean
 * per kind, so metric engines (Prometheus jmx_exporter, OpenTelemetry JMX metrics) map them with a
 * {@code kind} label and nothing else.
 */
public interface ComponentsMXBean {
  /** Components of this kind built and not shut down. */
  long getLive();

  /** Components of this kind built since the agent started. */
  long getCreated();

  /** Components of this kind shut down or closed since the agent started. */
  long getShutdown();

  /** Threads of components of this kind still alive. */
  long getLiveThreads();
}
