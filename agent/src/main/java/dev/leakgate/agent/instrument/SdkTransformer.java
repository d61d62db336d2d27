package dev.leakgate.agent.instrument;

import dev.leakgate.api.Hooks;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Compares class names and nothing else until an OpenTelemetry SDK class we track loads; only
 * then is Byte Buddy initialised (through {@link Weaver}). Never throws into class loading.
 */
public final class SdkTransformer implements ClassFileTransformer {
  private static final String SDK_PREFIX = "io/opentelemetry/sdk/";

  private final Instrumentation inst;
  private volatile boolean reported;

  /** A transformer that uses {@code inst} to let named SDK modules read the bootstrap API. */
  public SdkTransformer(Instrumentation inst) {
    this.inst = inst;
  }

  /** Whether a class (binary name) is one the agent instruments. */
  public static boolean isTarget(String binaryName) {
    return binaryName.startsWith("io.opentelemetry.sdk.") && target(binaryName.replace('.', '/')) != null;
  }

  /** What to weave into a class, by internal name; null for every class we leave alone. */
  static Target target(String internalName) {
    switch (internalName) {
      case "io/opentelemetry/sdk/trace/export/BatchSpanProcessor":
      case "io/opentelemetry/sdk/logs/export/BatchLogRecordProcessor":
      case "io/opentelemetry/sdk/trace/SdkTracerProvider":
      case "io/opentelemetry/sdk/metrics/SdkMeterProvider":
      case "io/opentelemetry/sdk/logs/SdkLoggerProvider":
      case "io/opentelemetry/sdk/OpenTelemetrySdk":
        return Target.COMPONENT;
      case "io/opentelemetry/sdk/metrics/export/PeriodicMetricReader":
        return Target.COMPONENT_STARTING_THREADS_ON_REGISTER;
      case "io/opentelemetry/sdk/internal/DaemonThreadFactory": // SDK up to 1.58
      case "io/opentelemetry/sdk/common/internal/DaemonThreadFactory": // SDK 1.59 and later
        return Target.THREAD_FACTORY;
      default:
        return null;
    }
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (className == null || !className.startsWith(SDK_PREFIX)) {
      return null;
    }
    Target target = target(className);
    if (target == null) {
      return null;
    }
    try {
      if (module != null && module.isNamed() && !module.canRead(Hooks.class.getModule())) {
        inst.redefineModule(module, Set.of(Hooks.class.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
      }
      return Weaver.weave(target, className.replace('/', '.'), loader, classfileBuffer);
    } catch (Throwable t) {
      if (!reported) {
        reported = true;
        System.err.println("leakgate: could not instrument " + className.replace('/', '.')
            + "; it runs unobserved: " + t);
      }
      return null;
    }
  }
}
