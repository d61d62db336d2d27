package dev.leakgate.agent.instrument;

import dev.leakgate.agent.registry.Hooks;
import dev.leakgate.agent.registry.Kind;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * Compares class names and nothing else until an OpenTelemetry SDK class we track (an SDK row of
 * {@link Kind}, or the SDK's thread factory) loads; only then is ASM loaded (through {@link Weaver}).
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

  /** Whether a class of the SDK, by its name below the SDK prefix, is woven: an SDK kind's, or the thread factory. */
  static boolean isWoven(String sdkRelativeName) {
    return Kind.ofSdkClass(sdkRelativeName) != null || isThreadFactory(sdkRelativeName);
  }

  /** The SDK's DaemonThreadFactory: in internal/ up to 1.58, in common/internal/ from 1.59. */
  private static boolean isThreadFactory(String sdkRelativeName) {
    return sdkRelativeName.equals("internal/DaemonThreadFactory") || sdkRelativeName.equals("common/internal/DaemonThreadFactory");
  }

  /** The class's name below the SDK prefix when it is a target, else null. */
  private String match(String internalName) {
    for (String prefix : prefixes) {
      if (internalName.startsWith(prefix)) {
        String rest = internalName.substring(prefix.length());
        return isWoven(rest) ? rest : null;
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
      return Weaver.weave(Kind.ofSdkClass(rest), classfileBuffer);
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
