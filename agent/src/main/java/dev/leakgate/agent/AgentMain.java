package dev.leakgate.agent;

import dev.leakgate.agent.instrument.JdkPropagation;
import dev.leakgate.agent.instrument.SdkTransformer;
import dev.leakgate.agent.jmx.RegistryJmx;
import dev.leakgate.agent.report.ReportFile;
import dev.leakgate.agent.report.ReportLocation;
import dev.leakgate.agent.registry.RecordingSettings;
import dev.leakgate.agent.registry.Registry;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The -javaagent entry point. Premain stays cheap: it loads four small classes (this one, the
 * options, the recording settings and a transformer that only compares class names) and writes
 * nothing; ASM loads when an SDK class does, JMX only when asked, the JDK's weaving at the first
 * scope (or at start with {@code jdk=start}). A second load in the same JVM honours only what a probe
 * asks for: the MBean, and the JDK's weaving.
 *
 * <p>An instance is the work deferred to the first scope of the JVM: turning on propagation.
 */
public final class AgentMain implements Runnable {
  /**
   * Set to the agent's version once the agent runs in a JVM; probes read it through the Attach API.
   * A compile-time constant, so code outside the agent can use it without loading any agent class.
   */
  public static final String VERSION_PROPERTY = "leakgate.agent.version";
  /** Set once the registry MBean is registered ({@code jmx=on}, or a probe's second load asked for it). */
  public static final String JMX_PROPERTY = "leakgate.agent.jmx";

  private final Instrumentation inst;

  private AgentMain(Instrumentation inst) {
    this.inst = inst;
  }

  /** Run when the first scope of the JVM opens: weaves the JDK's hand-off points. */
  @Override
  public void run() {
    new JdkPropagation(inst).run();
  }

  /** The agent's version, from the jar manifest ("dev" when run from classes). */
  public static String version() {
    String v = AgentMain.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Called by the JVM for {@code -javaagent:leakgate-agent.jar=OPTIONS}. */
  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  /** Called when the agent is loaded into a running JVM ({@code leakgate-agent.jar attach PID}, {@code leakgate probe}). */
  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  /**
   * A load into a JVM that runs the agent already: only {@code jmx=on} and {@code jdk=start} are
   * honoured (that is how a probe asks for the MBean, and for the JDK's pools and threads to be counted).
   */
  private static void secondLoad(AgentOptions options, Instrumentation inst) {
    if (options.jdkAtStart()) {
      new JdkPropagation(inst).run(); // once per JVM: nothing when the first scope or jdk=start wove it already
    }
    if (options.jmx()) {
      RegistryJmx.register();
    }
    if (!options.jmx() && !options.jdkAtStart() && !options.quiet()) {
      System.err.println("leakgate: agent already active in this JVM; ignoring the second load (only jmx=on and jdk=start are honoured)");
    }
  }

  static void start(String args, Instrumentation inst, boolean attached) {
    try {
      AgentOptions options = AgentOptions.parse(args);
      for (String problem : options.problems()) {
        System.err.println("leakgate: " + problem);
      }
      if (System.getProperty(VERSION_PROPERTY) != null) {
        secondLoad(options, inst);
        return;
      }
      startRecording(options, inst, attached);
    } catch (Throwable t) {
      System.err.println("leakgate: agent not started, the application runs without it: " + t);
    }
  }

  /** Starts the agent in a JVM that does not run it yet. */
  private static void startRecording(AgentOptions options, Instrumentation inst, boolean attached) {
    RecordingSettings.activate(options.stackDepth(), options.sdkPackages());
    SdkTransformer transformer = new SdkTransformer(options.sdkPackages());
    inst.addTransformer(transformer, true);
    if (options.jdkAtStart()) {
      new JdkPropagation(inst).run();
    } else {
      RecordingSettings.onFirstScope(new AgentMain(inst));
    }
    System.setProperty(AgentMain.VERSION_PROPERTY, version());
    // no helper method returns this type: the JVM resolves every type in this class's method
    // signatures when it looks up premain, and a report location must load only when asked for
    ReportLocation report = null;
    if (options.reportPath() != null) {
      report = ReportLocation.of(options.reportPath(), System.currentTimeMillis());
      String problem = report.problem();
      if (problem != null) {
        System.err.println("leakgate: " + problem); // one problem line, and no report written
        report = null;
      } else {
        ReportFile.writeAtExit(report, options.quiet());
      }
    }
    if (attached) {
      retransformLoadedSdkClasses(inst, transformer);
      Registry.notePreExistingThreads(allThreads());
    }
    if (options.jmx()) {
      RegistryJmx.register();
    }
    if (!options.quiet()) {
      System.err.println("leakgate: agent " + version() + " active ("
          + (report == null ? "no report file" : "report at exit: " + report)
          + (options.jmx() ? "; JMX " + RegistryJmx.NAME : "; no JMX until jmx=on or a probe asks")
          + (options.jdkAtStart() ? "; JDK pools, timers and threads counted from start"
              : "; JDK pools, timers and threads counted once a scope opens (jdk=start: from start)") + ")");
    }
  }

  private static void retransformLoadedSdkClasses(Instrumentation inst, SdkTransformer transformer) {
    List<Class<?>> targets = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (transformer.isTarget(c.getName()) && inst.isModifiableClass(c)) {
        targets.add(c);
      }
    }
    if (targets.isEmpty()) {
      return;
    }
    try {
      inst.retransformClasses(targets.toArray(new Class<?>[0]));
    } catch (Throwable t) {
      System.err.println("leakgate: could not instrument SDK classes loaded before attach: " + t);
    }
  }

  private static Thread[] allThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int n = root.enumerate(threads, true);
    Thread[] out = new Thread[n];
    System.arraycopy(threads, 0, out, 0, n);
    return out;
  }
}
