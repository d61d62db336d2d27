package dev.leakgate.harness.cli;

import picocli.CommandLine.Option;

/** The running JVM a command reads: {@code --pid} or {@code --jmx}, exactly one (an exclusive, required group). */
final class JvmTarget {
  @Option(names = "--pid", paramLabel = "PID",
      description = "The JVM to read, by process id (JMX through the Attach API). Its agent is asked to register the "
          + "MBean unless it runs with jmx=on; the probe also asks it to count the JDK's pools, timers, HTTP clients "
          + "and threads from then on (jdk=start). That load prints a warning there on JDK 21+ unless it runs with "
          + "-XX:+EnableDynamicAgentLoading.")
  Long pid;

  @Option(names = "--jmx", paramLabel = "URL", description = "The JVM to read, by JMX service URL (its agent runs with jmx=on).")
  String jmx;

  /** How messages name the JVM: {@code pid N} or the URL. */
  String label() {
    return pid != null ? "pid " + pid : jmx;
  }
}
