package dev.leakgate.agent.registry;

/**
 * Lifecycle counts of one kind (or one site, or one scope).
 *
 * @param created instances whose constructor finished
 * @param shutdown instances on which shutdown() or close() was called
 * @param live created minus shutdown
 * @param liveThreads threads of these instances still alive
 * @param draining instances shut down while one of their threads is still alive
 */
public record Counts(long created, long shutdown, long live, long liveThreads, long draining) {
  /** All zero. */
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);
}
