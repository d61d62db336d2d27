package dev.leakgate.agent;

import dev.leakgate.agent.instrument.JdkPropagation;
import dev.leakgate.agent.instrument.SdkTransformer;
import dev.leakgate.agent.jmx.RegistryJmx;
import dev.leakgate.agent.report.AgentVersion;
import dev.leakgate.agent.report.ReportFile;
import dev.leakgate.agent.report.ReportLocation;
import dev.leakgate.agent.registry.RecordingSettings;
import dev.leakgate.agent.registry.Registry;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the agent; kept apart from AgentMain so that a second load in the same JVM touches nothing.
 * Nothing is written at start and no MBeanServer is created unless {@code jmx=on} asks for one.
 */
final class AgentRuntime {
  private AgentRuntime() {}

  static void start(AgentOptions options, Instrumentation inst, boolean attached) {
    RecordingSettings.activate(options.stackDepth(), options.sdkPackages());
    SdkTransformer transformer = new SdkTransformer(options.sdkPackages());
    inst.addTransformer(transformer, true);
    RecordingSettings.onFirstScope(new JdkPropagation(inst));
    System.setProperty(AgentMain.VERSION_PROPERTY, AgentVersion.get());
    ReportLocation report = reportLocation(options);
    if (report != null) {
      ReportFile.writeAtExit(report, options.quiet());
    }
    if (attached) {
      retransformLoadedSdkClasses(inst, transformer);
      Registry.notePreExistingThreads(allThreads());
    }
    if (options.jmx()) {
      RegistryJmx.register();
    }
    if (!options.quiet()) {
      System.err.println("leakgate: agent " + AgentVersion.get() + " active ("
          + (report == null ? "no report file" : "report at exit: " + report)
          + (options.jmx() ? "; JMX " + RegistryJmx.NAME : "; no JMX until jmx=on or a probe asks") + ")");
    }
  }

  /** The checked report location, or null (none asked, or one problem line printed and none written). */
  private static ReportLocation reportLocation(AgentOptions options) {
    if (options.reportPath() == null) {
      return null;
    }
    ReportLocation location = ReportLocation.of(options.reportPath(), System.currentTimeMillis());
    String problem = location.problem();
    if (problem != null) {
      System.err.println("leakgate: " + problem);
      return null;
    }
    return location;
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
