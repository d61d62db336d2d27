package dev.leakgate.agent.instrument;

import dev.leakgate.agent.registry.Propagation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns on scope propagation through the JDK's executors, Timer and ForkJoin: registered to run when
 * the first scope of the JVM opens, so a JVM that never opens one has no JDK class transformed.
 * Retransforms only method bodies of the classes {@link JdkWeaver#targets()} names.
 */
public final class JdkPropagation implements Runnable, ClassFileTransformer {
  /** JDK classes woven so far (internal names): none until the first scope opens. */
  private static final List<String> WOVEN = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final Instrumentation inst;
  private volatile boolean reported;

  /** Propagation for the JVM of {@code inst}, to be run once. */
  public JdkPropagation(Instrumentation inst) {
    this.inst = inst;
  }

  @Override
  public void run() {
    if (!propagationReachable()) {
      System.err.println("leakgate: scopes are not carried to other threads: the JDK's executors would find "
          + JdkWeaver.PROPAGATION + " in the system class loader, which does not hold this agent");
      return;
    }
    inst.addTransformer(this, true);
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() == null && JdkWeaver.isTarget(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
        loaded.add(c);
      }
    }
    try {
      inst.retransformClasses(loaded.toArray(new Class<?>[0]));
    } catch (Throwable t) {
      System.err.println("leakgate: scopes are not carried to other threads: retransforming the JDK's executors failed: " + t);
    }
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (loader != null || className == null || !JdkWeaver.isTarget(className)) {
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
            + "; scopes are not carried through it: " + t);
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

  private static boolean propagationReachable() {
    try {
      return Class.forName(JdkWeaver.PROPAGATION, false, ClassLoader.getSystemClassLoader()) == Propagation.class;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
