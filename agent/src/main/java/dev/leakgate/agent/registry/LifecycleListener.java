package dev.leakgate.agent.registry;

/**
 * Told, on the thread that did it, when a component is recorded and when it is shut down: what the
 * alarm and the Flight Recorder events watch. Called after the registry's counters moved, so reading
 * {@link Registry#created} and {@link Registry#shutdown} sees this component. Must be quick and must
 * never throw (a throw is counted as an internal error and swallowed).
 */
public interface LifecycleListener {
  /** A component was recorded: its kind, its id in reports, its creating line and its innermost scope (or null). */
  void created(Kind kind, long id, CallSite site, String scope);

  /** A recorded component was shut down for the first time, at {@code shutdownSite}. */
  void shutdown(Kind kind, long id, CallSite site, CallSite shutdownSite);
}
