package dev.leakgate.agent.registry;

/**
 * What a scope still has in flight: tasks it handed off that have not ended (queued, scheduled or
 * running; periodic ones never count) and components it built and shut down whose threads are still
 * ending. A test waits until this is none before it decides (bounded by its timeout).
 */
public final class InFlight {
  private final int tasks;
  private final long draining;

  private InFlight(int tasks, long draining) {
    this.tasks = tasks;
    this.draining = draining;
  }

  /** What {@code scope} has in flight now. */
  public static InFlight of(ScopeContext scope) {
    long draining = 0;
    if (scope.shutdownAny()) { // only a component shut down can be draining: most tests walk nothing
      for (Counts c : Registry.scopeCounts(scope).values()) {
        draining += c.draining();
      }
    }
    return new InFlight(Propagation.tasksInFlight(scope), draining);
  }

  /** Whether nothing is in flight. */
  public boolean isNone() {
    return tasks == 0 && draining == 0;
  }

  /** What is in flight, in words: {@code 2 tasks handed off and 1 component shutting down}. */
  @Override
  public String toString() {
    if (isNone()) {
      return "nothing in flight";
    }
    StringBuilder out = new StringBuilder();
    if (tasks > 0) {
      out.append(tasks).append(tasks == 1 ? " task" : " tasks").append(" handed off and not ended");
    }
    if (draining > 0) {
      out.append(out.length() > 0 ? " and " : "").append(draining)
          .append(draining == 1 ? " component" : " components").append(" shut down whose threads have not ended");
    }
    return out.toString();
  }
}
