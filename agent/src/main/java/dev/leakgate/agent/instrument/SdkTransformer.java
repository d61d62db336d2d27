package dev.leakgate.agent.instrument;

import dev.leakgate.agent.jfr.FlightRecorderEvents;
import dev.leakgate.agent.registry.Hooks;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * Compares class names and nothing else until an OpenTelemetry SDK class we track loads; only then
 * is ASM loaded (through {@link Weaver}). It also notices JDK Flight Recorder starting (its recorder
 * class loads), the moment LeakGate's JFR events are set up, so nothing of JFR loads before.
 * Never throws into class loading.
 */
public final class SdkTransformer implements ClassFileTransformer {
  private static final String SDK = "io/opentelemetry/sdk/";

  /** Internal-name prefixes of the SDK: the real one and each relocated one (sdkPackage=). */
  private final String[] prefixes;
  private volatile boolean reported;
  private volatile Boolean hooksReachable;

  /** A transformer for the SDK and for copies relocated under {@code relocatedSdkPackages} (binary names). */
  public SdkTransformer(List<String> relocatedSdkPackages) {
    prefixes = new String[relocatedSdkPackages.size() + 1];
    prefixes[0] = SDK;
    for (int i = 0; i < relocatedSdkPackages.size(); i++) {
      prefixes[i + 1] = relocatedSdkPackages.get(i).replace('.', '/') + "/";
    }
  }

  /** Whether a loaded class (binary name) is one this transformer instruments. */
  public boolean isTarget(String binaryName) {
    return match(binaryName.replace('.', '/')) != null;
  }

  /** What to weave into a class of the SDK, by its name below the SDK prefix; null for the rest. */
  static Target target(String sdkRelativeName) {
    switch (sdkRelativeName) {
      case "trace/export/BatchSpanProcessor":
      case "logs/export/BatchLogRecordProcessor":
      case "trace/SdkTracerProvider":
      case "metrics/SdkMeterProvider":
      case "logs/SdkLoggerProvider":
      case "OpenTelemetrySdk":
        return Target.COMPONENT;
      case "metrics/export/PeriodicMetricReader":
        return Target.COMPONENT_STARTING_THREADS_ON_REGISTER;
      case "internal/DaemonThreadFactory": // SDK up to 1.58
      case "common/internal/DaemonThreadFactory": // SDK 1.59 and later
        return Target.THREAD_FACTORY;
      default:
        return null;
    }
  }

  /** The class's name below the SDK prefix when it is a target, else null. */
  private String match(String internalName) {
    for (String prefix : prefixes) {
      if (internalName.startsWith(prefix)) {
        String rest = internalName.substring(prefix.length());
        return target(rest) == null ? null : rest;
      }
    }
    return null;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (className == null) {
      return null;
    }
    if (classBeingRedefined == null && className.equals(FlightRecorderEvents.RECORDER_CLASS)) {
      try {
        FlightRecorderEvents.flightRecorderStarting();
      } catch (Throwable t) {
        report("leakgate: no JDK Flight Recorder events (the application is unaffected): " + t);
      }
      return null;
    }
    String rest = match(className);
    if (rest == null) {
      return null;
    }
    String binaryName = className.replace('/', '.');
    try {
      if (!hooksReachable()) {
        report("leakgate: " + binaryName + " (loader " + loader + ") runs unobserved: woven code finds "
            + Hooks.CLASS_NAME + " in the system class loader, which does not hold this agent");
        return null;
      }
      Target target = target(rest);
      String kind = rest.substring(rest.lastIndexOf('/') + 1);
      return Weaver.weave(target, target == Target.THREAD_FACTORY ? null : kind, classfileBuffer);
    } catch (Throwable t) {
      report("leakgate: could not instrument " + binaryName + " (loader " + loader + "); it runs unobserved: " + t);
      return null;
    }
  }

  /** Whether woven code, which looks the hooks up in the system class loader, reaches this agent's. */
  private boolean hooksReachable() {
    Boolean reachable = hooksReachable;
    if (reachable == null) {
      try {
        reachable = Class.forName(Hooks.CLASS_NAME, false, ClassLoader.getSystemClassLoader()) == Hooks.class;
      } catch (ClassNotFoundException | LinkageError e) {
        reachable = false;
      }
      hooksReachable = reachable;
    }
    return reachable;
  }

  private void report(String line) {
    if (!reported) {
      reported = true;
      System.err.println(line);
    }
  }
}
