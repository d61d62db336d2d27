package dev.leakgate.api;

/**
 * The application-facing API: open a scope so that components created inside it are attributed
 * to it. Without the agent these calls do nothing harmful: they only record names.
 */
public final class LeakGate {
  private LeakGate() {}

  /** Opens a scope named {@code name} on the current thread; close it with try-with-resources. */
  public static Scope scope(String name) {
    return Scope.open(name == null ? "null" : name);
  }

  /** Whether the LeakGate agent is installed in this JVM and instrumenting. */
  public static boolean isActive() {
    return Registry.isActive();
  }
}
