package dev.leakgate.harness.service;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Optional;

/** What a live thread is for, told from its name: the groups of {@code GET /threads}. */
public enum ThreadRole {
  /** A worker owned by an OpenTelemetry processor or metric reader. */
  PROCESSOR_WORKER("processorWorker"),
  /** A thread of a service's {@code createAgent} pool. */
  AGENT_POOL("agentPool"),
  /** A thread of a service's HTTP server (Jetty pool and schedulers). */
  SERVER_POOL("serverPool"),
  /** Anything else: the JVM's own threads, the caller's threads. */
  JVM("jvm");

  /** Processor kinds whose workers are told apart by name, in report order. */
  public static final List<String> PROCESSOR_KINDS =
      List.of("BatchSpanProcessor", "BatchLogRecordProcessor", "PeriodicMetricReader");

  /** Prefix of the {@code createAgent} pool threads: {@code create-agent-1}, {@code create-agent-2}, ... */
  public static final String AGENT_POOL_PREFIX = "create-agent-";

  /** Prefix of the HTTP server's pool threads. */
  public static final String SERVER_POOL_PREFIX = "http-server-";

  // Jetty's own schedulers are named by Jetty, not by the pool we hand it
  private static final List<String> JETTY_SCHEDULER_PREFIXES = List.of("Scheduler-", "Connector-Scheduler");

  private final String label;

  ThreadRole(String label) {
    this.label = label;
  }

  /** The name used in {@code GET /threads}, e.g. {@code agentPool}. */
  @JsonValue
  public String label() {
    return label;
  }

  /** The role of a thread with this name. */
  public static ThreadRole of(String threadName) {
    if (processorKind(threadName).isPresent()) {
      return PROCESSOR_WORKER;
    }
    if (threadName.startsWith(AGENT_POOL_PREFIX)) {
      return AGENT_POOL;
    }
    if (threadName.startsWith(SERVER_POOL_PREFIX)
        || JETTY_SCHEDULER_PREFIXES.stream().anyMatch(threadName::startsWith)) {
      return SERVER_POOL;
    }
    return JVM;
  }

  /** The processor kind whose worker has this name ({@code BatchSpanProcessor_WorkerThread-1}), if any. */
  public static Optional<String> processorKind(String threadName) {
    if (threadName.startsWith("BatchSpanProcessor_WorkerThread")) {
      return Optional.of("BatchSpanProcessor");
    }
    if (threadName.startsWith("BatchLogRecordProcessor_WorkerThread")) {
      return Optional.of("BatchLogRecordProcessor");
    }
    if (threadName.startsWith("PeriodicMetricReader")) {
      return Optional.of("PeriodicMetricReader");
    }
    return Optional.empty();
  }
}
