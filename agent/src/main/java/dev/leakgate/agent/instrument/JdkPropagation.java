package dev.leakgate.agent.instrument;

import dev.leakgate.agent.registry.Propagation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * Weaves the JDK: scope propagation through its executors, Timer and ForkJoin, and its thread-owning
 * classes (pools, timers, fork-join pools, HTTP clients, threads: the JDK rows of {@code Kind}).
 * Registered to run when the first scope of the JVM opens, so a JVM that never opens one has no JDK
 * class transformed; {@code jdk=start} runs it at start instead. Runs once however often it is asked.
 * Retransforms only method bodies of the classes {@link JdkWeaver#isTarget} accepts, in the boot
 * loader and (java.net.http's HTTP client) the platform loader.
 */
public final class JdkPropagation implements Runnable, ClassFileTransformer {
  /** JDK classes woven so far (internal names): none until the first scope opens (or at start with jdk=start). */
  private static final List<String> WOVEN = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();
  /** AgentMain.JDK_PROPERTY, which a probe reads through the Attach API (a constant, so no class loads for it). */
  private static final String WOVEN_PROPERTY = "leakgate.agent.jdk";

  private final Instrumentation inst;
  private volatile boolean reported;

  /** Propagation for the JVM of {@code inst}, to be run once. */
  public JdkPropagation(Instrumentation inst) {
    this.inst = inst;
  }

  @Override
  public void run() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    if (!propagationReachable()) {
      System.err.println("leakgate: scopes are not carried to other threads and the JDK's pools, timers and threads"
          + " are not counted: the woven JDK would find " + JdkWeaver.PROPAGATION
          + " in the system class loader, which does not hold this agent");
      return;
    }
    inst.addTransformer(this, true);
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (isJdkLoader(c.getClassLoader()) && JdkWeaver.isTarget(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
        loaded.add(c);
      }
    }
    try {
      inst.retransformClasses(loaded.toArray(new Class<?>[0]));
      System.setProperty(WOVEN_PROPERTY, "woven");
    } catch (Throwable t) {
      System.err.println("leakgate: scopes are not carried to other threads and the JDK's pools, timers and threads"
          + " are not counted: retransforming the JDK's classes failed: " + t);
    }
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (className == null || !JdkWeaver.isTarget(className) || !isJdkLoader(loader)) {
      return null;
    }
    try {
      byte[] woven = JdkWeaver.weave(className, classfileBuffer);
      WOVEN.add(className);
      return woven;
    } catch (Throwable t) {
      if (!reported) {
        reported = true;
        System.err.println("leakgate: could not weave " + className.replace('/', '.')
            + "; scopes are not carried through it and what it builds is not counted: " + t);
      }
      return null;
    }
  }

  /** The JDK classes woven so far (binary names); empty until the first scope of the JVM opens. */
  public static List<String> wovenClasses() {
    List<String> out = new ArrayList<>(WOVEN.size());
    for (String c : WOVEN) {
      out.add(c.replace('/', '.'));
    }
    return out;
  }

  /** The boot loader (java.base) or the platform loader (java.net.http): the JDK's classes, never the application's. */
  private static boolean isJdkLoader(ClassLoader loader) {
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }

  private static boolean propagationReachable() {
    try {
      return Class.forName(JdkWeaver.PROPAGATION, false, ClassLoader.getSystemClassLoader()) == Propagation.class;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
