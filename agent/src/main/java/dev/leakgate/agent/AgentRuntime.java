package dev.leakgate.agent;

import dev.leakgate.agent.instrument.JdkPropagation;
import dev.leakgate.agent.instrument.SdkTransformer;
import dev.leakgate.agent.jmx.RegistryJmx;
import dev.leakgate.agent.report.AgentVersion;
import dev.leakgate.agent.report.ReportFile;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.Scopes;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** Starts the agent; kept apart from AgentMain so that a second load in the same JVM touches nothing. */
final class AgentRuntime {
  /** Delay before the JMX registration: long enough to stay out of a short program's start-up. */
  private static final long JMX_DELAY_MILLIS = 1000;

  private AgentRuntime() {}

  static void start(AgentOptions options, Instrumentation inst, boolean attached) {
    Registry.activate(options.stackDepth(), options.sdkPackages());
    SdkTransformer transformer = new SdkTransformer(options.sdkPackages());
    inst.addTransformer(transformer, true);
    Scopes.onFirstScope(new JdkPropagation(inst));
    System.setProperty(AgentMain.VERSION_PROPERTY, AgentVersion.get());
    if (options.reportPath() != null) {
      ReportFile.writeAtExit(options.reportPath(), options.quiet());
    }
    if (attached) {
      retransformLoadedSdkClasses(inst, transformer);
      Registry.notePreExistingThreads(allThreads());
      RegistryJmx.register();
    } else {
      Thread jmx = new Thread(new LateJmx(), "leakgate-jmx");
      jmx.setDaemon(true);
      jmx.start();
    }
    if (!options.quiet()) {
      System.err.println("leakgate: agent " + AgentVersion.get() + " active ("
          + (options.reportPath() == null ? "no report file" : "report at exit: " + options.reportPath())
          + "; JMX " + RegistryJmx.NAME + ")");
    }
  }

  /** Registers the MBean after a delay, from its own thread: JMX loads hundreds of classes. */
  private static final class LateJmx implements Runnable {
    @Override
    public void run() {
      try {
        Thread.sleep(JMX_DELAY_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      RegistryJmx.register();
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
