package dev.leakgate.api;

/**
 * Entry points for advice woven into OpenTelemetry SDK classes. Every method swallows every
 * Throwable: nothing LeakGate does may throw into the observed application.
 */
public final class Hooks {
  private Hooks() {}

  /** A constructor of a tracked SDK class starts (before the super call). */
  public static void constructing(String sdkClassName) {
    try {
      Kind kind = Kind.ofClassName(sdkClassName);
      if (kind != null) {
        Registry.constructing(kind);
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** A constructor of a tracked SDK class finished normally. */
  public static void constructed(String sdkClassName, Object instance) {
    try {
      Kind kind = Kind.ofClassName(sdkClassName);
      if (kind != null) {
        Registry.constructed(kind, instance);
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The SDK's DaemonThreadFactory made a thread. */
  public static void threadCreated(Thread thread) {
    try {
      Registry.threadCreated(thread);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** A tracked component enters a method that may start its threads (e.g. PeriodicMetricReader.register). */
  public static void enterOwner(Object owner) {
    try {
      Registry.enterOwner(owner);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** The method entered with {@link #enterOwner} returned or threw. */
  public static void exitOwner() {
    try {
      Registry.exitOwner();
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** shutdown() or close() was called on a tracked component. */
  public static void shutdown(Object instance) {
    try {
      Registry.shutdown(instance);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }
}
