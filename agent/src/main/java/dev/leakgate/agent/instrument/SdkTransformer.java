package dev.leakgate.agent.instrument;

import dev.leakgate.agent.jfr.FlightRecorderEvents;
import dev.leakgate.agent.registry.Hooks;
import dev.leakgate.agent.registry.Kind;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Compares class names and nothing else until an OpenTelemetry SDK class we track (an SDK row of
 * {@link Kind}, or the SDK's thread factory) loads; only then is ASM loaded (through {@link Weaver}).
 * It also notices JDK Flight Recorder starting (its recorder class loads), the moment LeakGate's JFR
 * events are set up, so nothing of JFR loads before.
 * Never throws into class loading.
 */
public final class SdkTransformer implements ClassFileTransformer {
  private static final String SDK = "io/opentelemetry/sdk/";
  private static final String GLOBAL = "io.opentelemetry.api.GlobalOpenTelemetry";
  private static final String LEAKGATE = "dev.leakgate.";

  /** Internal-name prefixes of the SDK: the real one and each relocated one (sdkPackage=). */
  private final String[] prefixes;
  /** The same prefixes as binary names ({@code io.opentelemetry.sdk.}). */
  private final String[] binaryPrefixes;
  /** The OpenTelemetry root of each relocated SDK (its package less the last part), with a trailing dot. */
  private final String[] relocatedRoots;
  private volatile boolean reported;
  private volatile Boolean hooksReachable;

  /** A transformer for the SDK and for copies relocated under {@code relocatedSdkPackages} (binary names). */
  public SdkTransformer(List<String> relocatedSdkPackages) {
    prefixes = new String[relocatedSdkPackages.size() + 1];
    binaryPrefixes = new String[prefixes.length];
    prefixes[0] = SDK;
    for (int i = 0; i < relocatedSdkPackages.size(); i++) {
      prefixes[i + 1] = relocatedSdkPackages.get(i).replace('.', '/') + "/";
    }
    relocatedRoots = new String[relocatedSdkPackages.size()];
    for (int i = 0; i < prefixes.length; i++) {
      binaryPrefixes[i] = prefixes[i].replace('/', '.');
    }
    for (int i = 0; i < relocatedRoots.length; i++) {
      String sdk = relocatedSdkPackages.get(i);
      relocatedRoots[i] = sdk.substring(0, sdk.lastIndexOf('.') + 1);
    }
  }

  /** Whether a class (binary name) is OpenTelemetry's: its own, shaded under another package, or a relocated copy. */
  public boolean isOpenTelemetryClass(String binaryName) {
    if (binaryName.startsWith("io.opentelemetry.") || binaryName.contains(".io.opentelemetry.")) {
      return true;
    }
    for (String root : relocatedRoots) {
      if (binaryName.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a class is OpenTelemetry's API entry point {@code GlobalOpenTelemetry} (shaded and relocated copies too). */
  public boolean isGlobalOpenTelemetry(String binaryName) {
    if (!binaryName.endsWith("GlobalOpenTelemetry")) {
      return false;
    }
    if (binaryName.equals(GLOBAL) || binaryName.endsWith("." + GLOBAL)) {
      return true;
    }
    for (String root : relocatedRoots) {
      if (binaryName.equals(root + "api.GlobalOpenTelemetry")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a loaded class (binary name) is one this transformer instruments. */
  public boolean isTarget(String binaryName) {
    String rest = sdkRelativeName(binaryName);
    return rest != null && isWoven(rest.replace('.', '/'));
  }

  /**
   * The SDK classes this transformer instruments that are loaded already, in any class loader.
   * Compares names only, and only of classes outside the JDK's modules, so premain can afford it.
   */
  public List<Class<?>> loadedTargets(Instrumentation inst) {
    List<Class<?>> targets = null;
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (isJdkClass(c, platform)) {
        continue;
      }
      if (isTarget(c.getName()) && inst.isModifiableClass(c)) {
        if (targets == null) {
          targets = new ArrayList<>();
        }
        targets.add(c);
      }
    }
    return targets == null ? Collections.emptyList() : targets;
  }

  /**
   * Whether code other than the JDK's and LeakGate's ran before LeakGate's premain: whether the
   * system class loader was asked for a class of neither (the premain class of a Java agent loaded
   * first, wherever it is defined). Without one nothing can have loaded the SDK yet, and premain
   * skips {@link #loadedTargets}, which costs a few times more. A JVMTI (native) agent that loads
   * the SDK without any Java agent is the one case this misses.
   */
  public static boolean otherCodeRanBefore(Instrumentation inst) {
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    for (Class<?> c : inst.getInitiatedClasses(ClassLoader.getSystemClassLoader())) {
      if (!isJdkClass(c, platform) && !c.getName().startsWith(LEAKGATE)) {
        return true;
      }
    }
    return false;
  }

  /** A class of the JDK's own modules; the test reads two fields, no name. */
  private static boolean isJdkClass(Class<?> c, ClassLoader platform) {
    ClassLoader loader = c.getClassLoader();
    return (loader == null || loader == platform) && c.getModule().isNamed();
  }

  /** The SDK's own name of a class of the SDK or of a relocated copy ({@code io.opentelemetry.sdk...}), else null. */
  public String sdkClassName(String binaryName) {
    String rest = sdkRelativeName(binaryName);
    return rest == null ? null : binaryPrefixes[0] + rest;
  }

  /** The binary name below the SDK's (or a relocated copy's) package prefix, or null outside them. */
  private String sdkRelativeName(String binaryName) {
    for (String prefix : binaryPrefixes) {
      if (binaryName.startsWith(prefix)) {
        return binaryName.substring(prefix.length());
      }
    }
    return null;
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
