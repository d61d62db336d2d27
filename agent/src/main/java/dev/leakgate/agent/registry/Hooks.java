package dev.leakgate.agent.registry;

import java.util.function.BiConsumer;

/**
 * What code woven into OpenTelemetry SDK classes calls ({@link JdkHooks} is the JDK's). Woven code names no LeakGate type: it finds
 * this class in the system class loader by name ({@link #CLASS_NAME}), reads one of the public fields
 * below and calls it as a {@link BiConsumer} with the component's kind name and a value. So it works
 * whatever loader holds the SDK, and nothing is put on the boot class path. Every hook swallows
 * every Throwable: nothing LeakGate does may throw into the observed application.
 */
public final class Hooks {
  /** The binary name woven code looks up. */
  public static final String CLASS_NAME = "dev.leakgate.agent.registry.Hooks";

  /** A constructor of a tracked kind starts: (kind name, null). */
  public static final BiConsumer<Object, Object> CONSTRUCTING = new Hook(0);
  /** A constructor of a tracked kind returned: (kind name, the instance). */
  public static final BiConsumer<Object, Object> CONSTRUCTED = new Hook(1);
  /** A constructor of a tracked kind threw: (kind name, null). */
  public static final BiConsumer<Object, Object> CONSTRUCTION_FAILED = new Hook(2);
  /** shutdown() or close() was called: (kind name, the instance). */
  public static final BiConsumer<Object, Object> SHUTDOWN = new Hook(3);
  /** A method that may start the component's threads starts (PeriodicMetricReader.register): (kind name, the instance). */
  public static final BiConsumer<Object, Object> ENTER_OWNER = new Hook(4);
  /** The method entered with ENTER_OWNER returned or threw: (kind name, null). */
  public static final BiConsumer<Object, Object> EXIT_OWNER = new Hook(5);
  /** The SDK's DaemonThreadFactory made a thread: (null, the thread). */
  public static final BiConsumer<Object, Object> THREAD_CREATED = new Hook(6);

  private Hooks() {}

  /** One hook; a class rather than lambdas, whose first use would bootstrap java.lang.invoke. */
  private static final class Hook implements BiConsumer<Object, Object> {
    private final int event;

    Hook(int event) {
      this.event = event;
    }

    @Override
    public void accept(Object kindName, Object value) {
      try {
        if (event == 6) {
          if (value instanceof Thread) {
            ThreadOwnership.factoryMade((Thread) value);
          }
          return;
        }
        Kind kind = Kind.of(kindName);
        if (kind == null) {
          return;
        }
        switch (event) {
          case 0: Registry.constructing(kind); break;
          case 1: Registry.constructed(kind, value); break;
          case 2: Registry.constructionFailed(kind); break;
          case 3: Registry.sdkShutdown(value); break;
          case 4: ThreadOwnership.enterOwner(value); break;
          case 5: ThreadOwnership.exitOwner(); break;
          default: break;
        }
      } catch (Throwable t) {
        Registry.failed(t);
      }
    }

    @Override
    public String toString() {
      return "LeakGate hook " + event;
    }
  }
}
