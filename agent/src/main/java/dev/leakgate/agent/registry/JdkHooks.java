package dev.leakgate.agent.registry;

/**
 * What code woven into the JDK's thread-owning classes (the JDK rows of {@link Kind}) calls, through
 * method handles resolved once per class, as {@link Propagation}'s hooks are. None of them throws.
 */
public final class JdkHooks {
  private JdkHooks() {}

  /** A constructor of a JDK kind's class returned: {@code instance} is created. */
  public static void created(Object kindName, Object instance) {
    try {
      Kind kind = Kind.of(kindName);
      if (kind != null && instance != null) {
        Registry.record(kind, instance, null);
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** A shutdown method of a JDK kind ran ({@code Thread.exit}: a thread ends). */
  public static void shutdown(Object instance) {
    try {
      Registry.shutdown(instance);
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** A thread link's constructor returned: {@code thread} belongs to {@code owner}. */
  public static void linked(Object owner, Object thread) {
    try {
      if (thread instanceof Thread) {
        ThreadOwnership.link(owner, (Thread) thread);
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }

  /** A platform thread is about to start. */
  public static void starting(Object thread) {
    try {
      if (thread instanceof Thread) {
        ThreadOwnership.starting((Thread) thread);
      }
    } catch (Throwable t) {
      Registry.failed(t);
    }
  }
}
