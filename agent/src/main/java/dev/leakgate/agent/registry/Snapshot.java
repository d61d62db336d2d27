package dev.leakgate.agent.registry;

import java.util.List;
import java.util.Map;

/**
 * What the registry knows at one moment.
 *
 * @param takenAtMillis when it was taken, epoch milliseconds
 * @param components counts per kind (every kind present, zero when never seen), process-wide components aside
 * @param sites per creation site, most live first, then most created; process-wide ones aside
 * @param instances live or draining instances, oldest first (bounded)
 * @param preExistingThreads threads of components built before the agent started (attached later, or
 *     loaded after another agent that built them)
 * @param unattributed components built outside every running test's scope while several tests ran
 * @param processWide the sites of process-wide components (built in a static initialiser, or by the JDK
 *     or the test engine for itself): never a test's or a request's, most live first
 */
public record Snapshot(
    long takenAtMillis,
    Map<Kind, Counts> components,
    List<SiteSnapshot> sites,
    List<InstanceSnapshot> instances,
    List<ThreadSnapshot> preExistingThreads,
    List<UnattributedSnapshot> unattributed,
    List<SiteSnapshot> processWide) {

  /** Counts of one kind, zero when never seen. */
  public Counts counts(Kind kind) {
    Counts c = components.get(kind);
    return c == null ? Counts.ZERO : c;
  }

  /** Live components of all kinds together. */
  public long totalLive() {
    long sum = 0;
    for (Counts c : components.values()) {
      sum += c.live();
    }
    return sum;
  }

  /** Created components of all kinds together. */
  public long totalCreated() {
    long sum = 0;
    for (Counts c : components.values()) {
      sum += c.created();
    }
    return sum;
  }

  /** Live component threads of all kinds together. */
  public long totalLiveThreads() {
    long sum = 0;
    for (Counts c : components.values()) {
      sum += c.liveThreads();
    }
    return sum;
  }
}
