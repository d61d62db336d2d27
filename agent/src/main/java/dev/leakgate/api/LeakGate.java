package dev.leakgate.api;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The application-facing API: open a scope so that components created inside it, and in the work
 * it hands to other threads, are attributed to it. Without the agent these calls cost next to nothing.
 *
 * <p>Every copy of this class, whatever loader holds it (a web app's, a test framework's), reaches
 * the one registry of the JVM: the agent's, in the system class loader.
 */
public final class LeakGate {
  private static final String SCOPES = "dev.leakgate.agent.registry.Scopes";
  private static final Function<String, AutoCloseable> OPEN;
  private static final BooleanSupplier ACTIVE;

  static {
    Function<String, AutoCloseable> open = name -> null;
    BooleanSupplier active = () -> false;
    Class<?> scopes = find(ClassLoader.getSystemClassLoader());
    if (scopes == null) {
      scopes = find(LeakGate.class.getClassLoader()); // the agent is not on the system class path
    }
    if (scopes != null) {
      try {
        @SuppressWarnings("unchecked")
        Function<String, AutoCloseable> found = (Function<String, AutoCloseable>) scopes.getField("OPEN").get(null);
        open = found;
        active = (BooleanSupplier) scopes.getField("ACTIVE").get(null);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // an incompatible agent: scopes stay labels only
      }
    }
    OPEN = open;
    ACTIVE = active;
  }

  private LeakGate() {}

  /** Opens a scope named {@code name} on the current thread; close it with try-with-resources. */
  public static Scope scope(String name) {
    AutoCloseable opened = null;
    try {
      opened = OPEN.apply(name);
    } catch (Throwable t) {
      // never throw into the application
    }
    return new Scope(name, opened);
  }

  /** Whether the LeakGate agent is installed in this JVM and recording. */
  public static boolean isActive() {
    try {
      return ACTIVE.getAsBoolean();
    } catch (Throwable t) {
      return false;
    }
  }

  private static Class<?> find(ClassLoader loader) {
    try {
      return Class.forName(SCOPES, true, loader);
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
