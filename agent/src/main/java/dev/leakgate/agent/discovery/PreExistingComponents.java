package dev.leakgate.agent.discovery;

import dev.leakgate.agent.instrument.SdkTransformer;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What LeakGate does when it starts after the OpenTelemetry SDK was loaded (another agent loaded
 * first, an APM agent that builds the SDK in its premain, or an attach into a running JVM): it
 * instruments the SDK classes loaded already, so everything built or shut down from now on is
 * recorded, and registers the components that exist already, with their threads, as pre-existing
 * (their creating line unknown). Decided by what is loaded and reachable, never by agent names.
 * Runs only when an SDK class is loaded already ({@link SdkTransformer#loadedTargets}), never
 * throws, and stops at {@value #BUDGET_MILLIS} ms.
 */
public final class PreExistingComponents {
  /** The longest the search may take: it runs in premain, before the application's main. */
  static final long BUDGET_MILLIS = 1_000;
  /** JDK packages opened to the field reader alone: a thread's task, collections, executors, atomics. */
  private static final String[] OPENED = {"java.lang", "java.util", "java.util.concurrent", "java.util.concurrent.atomic"};

  private PreExistingComponents() {}

  /**
   * Instruments {@code loaded} (SDK classes loaded before the agent's transformer was added) and
   * registers the components they built. Returns the line to print at start, or null when nothing
   * was built before LeakGate could see it. {@code attached}: the agent was loaded into a running JVM.
   */
  public static String find(Instrumentation inst, SdkTransformer transformer, List<Class<?>> loaded, boolean attached) {
    try {
      inst.retransformClasses(loaded.toArray(new Class<?>[0]));
    } catch (Throwable t) {
      System.err.println("leakgate: could not instrument the OpenTelemetry SDK classes loaded before LeakGate started;"
          + " what they build runs unobserved: " + t);
    }
    try {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS);
      ComponentSearch search = new ComponentSearch(fieldReader(inst), transformer, deadline);
      List<ComponentSearch.Found> found = search.search(globals(inst, transformer), threads());
      int[] missed = new int[Kind.values().length];
      int total = 0;
      for (ComponentSearch.Found f : found) {
        if (Registry.registerPreExisting(f.kind, f.instance, f.standIn, f.threads)) {
          missed[f.kind.ordinal()]++;
          total++;
        }
      }
      if (search.exhausted()) {
        String bound = "the search for OpenTelemetry components built before LeakGate started stopped at its bound ("
            + ComponentSearch.MAX_OBJECTS + " objects or " + BUDGET_MILLIS + " ms): there may be more than it found";
        return total == 0 ? "leakgate: " + bound : notice(total, missed, attached) + "; " + bound;
      }
      return total == 0 ? null : notice(total, missed, attached);
    } catch (Throwable t) {
      return "leakgate: could not look for OpenTelemetry components built before LeakGate started"
          + " (they are not counted; what is built from now on is): " + t;
    }
  }

  /** The one line that says what was missed and how to see it all. */
  static String notice(int total, int[] missed, boolean attached) {
    StringBuilder kinds = new StringBuilder();
    for (Kind kind : Kind.values()) {
      if (missed[kind.ordinal()] > 0) {
        kinds.append(kinds.length() == 0 ? "" : ", ").append(missed[kind.ordinal()]).append(' ').append(kind.name());
      }
    }
    String what = total == 1 ? "1 OpenTelemetry component was" : total + " OpenTelemetry components were";
    String how;
    if (attached) {
      how = "start the JVM with LeakGate's -javaagent, before any other agent";
    } else if (namesAnAgent(System.getenv("JAVA_TOOL_OPTIONS"))) {
      how = "name LeakGate's -javaagent in JAVA_TOOL_OPTIONS before the other agent there (the JVM reads JAVA_TOOL_OPTIONS"
          + " before the command line)";
    } else {
      how = "put LeakGate's -javaagent before the other agent's (or, when that one comes from JAVA_TOOL_OPTIONS,"
          + " name LeakGate there before it)";
    }
    return "leakgate: " + what + " built before LeakGate " + (attached ? "was attached" : "started") + " (" + kinds
        + "): counted as pre-existing, their creating lines unknown; for full creating lines " + how;
  }

  private static boolean namesAnAgent(String options) {
    return options != null && (options.contains("-javaagent:") || options.contains("-agentpath:") || options.contains("-agentlib:"));
  }

  /** Every {@code GlobalOpenTelemetry} class loaded, in any loader. */
  private static List<Class<?>> globals(Instrumentation inst, SdkTransformer names) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (names.isGlobalOpenTelemetry(c.getName())) {
        out.add(c);
      }
    }
    return out;
  }

  /** The live threads but this one and those a component the registry knows owns already. */
  private static List<Thread> threads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] all = new Thread[root.activeCount() * 2 + 16];
    int n = root.enumerate(all, true);
    List<Thread> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Thread t = all[i];
      if (t != Thread.currentThread() && t.isAlive() && !Registry.isComponentThread(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * A {@link FieldReader} defined in a class loader of its own, with the JDK packages it reads opened
   * to that loader's module only (and the JDK's Unsafe exported to it, to tell whether a class is
   * initialised), so the application gains no access it did not have.
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object[]> fieldReader(Instrumentation inst) throws ReflectiveOperationException, IOException {
    byte[] bytes;
    try (InputStream in = PreExistingComponents.class.getResourceAsStream("FieldReader.class")) {
      if (in == null) {
        throw new IOException("FieldReader.class is missing from the agent");
      }
      bytes = in.readAllBytes();
    }
    Class<?> reader = new IsolatedLoader().define(PreExistingComponents.class.getPackageName() + ".FieldReader", bytes);
    Module module = reader.getModule();
    Module base = Object.class.getModule();
    Map<String, Set<Module>> opens = new HashMap<>();
    for (String pkg : OPENED) {
      opens.put(pkg, Set.of(module));
    }
    inst.redefineModule(base, Set.of(), Map.of("jdk.internal.misc", Set.of(module)), opens, Set.of(), Map.of());
    return (Function<Object, Object[]>) reader.getConstructor().newInstance();
  }

  /** The loader of the field reader alone: its unnamed module is what the JDK packages are opened to. */
  private static final class IsolatedLoader extends ClassLoader {
    IsolatedLoader() {
      super(PreExistingComponents.class.getClassLoader());
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
