package dev.leakgate.harness.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live threads of this JVM grouped by role: the Java counterpart of {@code threading.enumerate()}.
 *
 * <p>JVM-wide: several services in one JVM share one census.
 *
 * @param total live threads
 * @param processorWorkers processor worker threads by kind; every kind of {@link ThreadRole#PROCESSOR_KINDS} present
 * @param agentPool threads of {@code createAgent} pools
 * @param serverPool threads of HTTP servers
 * @param jvm every other thread
 * @param threads the threads, sorted by role then name
 */
public record ThreadCensus(
    int total,
    Map<String, Integer> processorWorkers,
    int agentPool,
    int serverPool,
    int jvm,
    List<LiveThread> threads) {

  /** One live thread. */
  public record LiveThread(String name, Thread.State state, boolean daemon, ThreadRole role) {}

  /** Counts the threads alive now. */
  public static ThreadCensus take() {
    List<LiveThread> threads = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      threads.add(new LiveThread(name, thread.getState(), thread.isDaemon(), ThreadRole.of(name)));
    }
    threads.sort(Comparator.comparing(LiveThread::role).thenComparing(LiveThread::name));

    Map<String, Integer> processorWorkers = new LinkedHashMap<>();
    ThreadRole.PROCESSOR_KINDS.forEach(kind -> processorWorkers.put(kind, 0));
    int agentPool = 0;
    int serverPool = 0;
    int jvm = 0;
    for (LiveThread thread : threads) {
      switch (thread.role()) {
        case PROCESSOR_WORKER:
          ThreadRole.processorKind(thread.name()).ifPresent(kind -> processorWorkers.merge(kind, 1, Integer::sum));
          break;
        case AGENT_POOL:
          agentPool++;
          break;
        case SERVER_POOL:
          serverPool++;
          break;
        default:
          jvm++;
      }
    }
    return new ThreadCensus(threads.size(), Collections.unmodifiableMap(processorWorkers), agentPool, serverPool, jvm, List.copyOf(threads));
  }

  /** Processor worker threads of one kind, e.g. {@code BatchSpanProcessor}. */
  public int processorWorkers(String kind) {
    return processorWorkers.getOrDefault(kind, 0);
  }
}
