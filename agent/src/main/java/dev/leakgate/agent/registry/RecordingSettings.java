package dev.leakgate.agent.registry;

import java.util.List;

/**
 * What premain tells the registry: whether to record, how deep a stack to keep, which relocated SDKs
 * to treat as the SDK. Kept apart from {@link Registry} so premain loads this small class only; the
 * registry itself (its tables and counters) initialises when the first SDK class loads.
 */
public final class RecordingSettings {
  private static volatile boolean active;
  private static volatile int stackDepth = 32;
  /** Package prefixes of OpenTelemetry SDKs relocated by a shade plugin (sdkPackage=), with a trailing dot. */
  private static volatile String[] relocatedSdks = new String[0];
  /** The same relocations' OpenTelemetry root (the SDK package less its last part), with a trailing dot. */
  private static volatile String[] relocatedOpenTelemetry = new String[0];

  /** Who hears of creations and shutdowns (the alarm, the JFR events); null while nobody does. Copy-on-write. */
  static volatile LifecycleListener[] listeners;

  /** Runs once, when the first scope of the JVM opens (the agent turns on propagation then). */
  private static Runnable onFirstScope;
  private static boolean anyScopeOpened;

  private RecordingSettings() {}

  /** Runs {@code action} when the first scope of the JVM opens, or now if one already has. */
  public static void onFirstScope(Runnable action) {
    boolean now;
    synchronized (RecordingSettings.class) {
      onFirstScope = action;
      now = anyScopeOpened;
    }
    if (now) {
      firstScopeOpened();
    }
  }

  /**
   * Called by {@link Scopes} when a scope opens before the first-scope action has finished: runs it
   * once, and every other caller waits until it has run, so no opener returns before the JDK's
   * hand-offs are woven (parallel tests opening the JVM's first scopes at once lose none).
   */
  static void firstScopeOpened() {
    synchronized (RecordingSettings.class) {
      anyScopeOpened = true;
      Runnable action = onFirstScope;
      onFirstScope = null;
      if (action != null) {
        try {
          action.run();
        } catch (Throwable t) {
          Registry.failed(t);
        }
      }
    }
  }

  /** Called once by the agent: turns recording on with the given stack depth and relocated SDK packages. */
  public static void activate(int depth, List<String> relocatedSdkPackages) {
    stackDepth = Math.max(1, depth);
    String[] sdks = new String[relocatedSdkPackages.size()];
    String[] roots = new String[sdks.length];
    for (int i = 0; i < sdks.length; i++) {
      String sdk = relocatedSdkPackages.get(i);
      sdks[i] = sdk + ".";
      roots[i] = sdk.substring(0, sdk.lastIndexOf('.') + 1);
    }
    relocatedSdks = sdks;
    relocatedOpenTelemetry = roots;
    active = true;
  }

  /** Whether the agent has turned recording on in this JVM. */
  public static boolean isActive() {
    return active;
  }

  static int stackDepth() {
    return stackDepth;
  }

  static String[] relocatedSdks() {
    return relocatedSdks;
  }

  static String[] relocatedOpenTelemetry() {
    return relocatedOpenTelemetry;
  }
}
