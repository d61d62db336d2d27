package dev.leakgate.agent.registry;

/**
 * What a scope still has in flight: tasks it handed off that have not ended (queued, running, or
 * scheduled to run before the caller's deadline; periodic ones never count). A test waits until this is none before it decides (bounded by
 * its timeout). A component it shut down whose thread is still ending is not waited for: it is shut
 * down, so it is no leak, and the SDK's batch worker lingers up to its schedule delay (5 s) after
 * {@code shutdown()}, which every test building an SDK would pay.
 */
public final class InFlight {
  private final int tasks;

  private InFlight(int tasks) {
    this.tasks = tasks;
  }

  /**
   * What {@code scope} has in flight now, counting scheduled tasks only when due by
   * {@code deadlineNanos} ({@link System#nanoTime}): waiting for a task due later could only time out.
   */
  public static InFlight of(ScopeContext scope, long deadlineNanos) {
    return new InFlight(Propagation.tasksInFlight(scope, deadlineNanos));
  }

  /** Whether nothing is in flight. */
  public boolean isNone() {
    return tasks == 0;
  }

  /** What is in flight, in words: {@code 2 tasks handed off and not ended}. */
  @Override
  public String toString() {
    return isNone() ? "nothing in flight" : tasks + (tasks == 1 ? " task" : " tasks") + " handed off and not ended";
  }
}
