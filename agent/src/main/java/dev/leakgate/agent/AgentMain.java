package dev.leakgate.agent;

import dev.leakgate.agent.discovery.PreExistingComponents;
import dev.leakgate.agent.instrument.JdkPropagation;
import dev.leakgate.agent.instrument.SdkTransformer;
import dev.leakgate.agent.jfr.FlightRecorderEvents;
import dev.leakgate.agent.jmx.RegistryJmx;
import dev.leakgate.agent.report.ReportFile;
import dev.leakgate.agent.report.ReportLocation;
import dev.leakgate.agent.registry.RecordingSettings;
import dev.leakgate.agent.watch.AlarmWatch;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * The -javaagent entry point. Premain stays cheap: it loads four small classes (this one, the
 * options, the recording settings and a transformer that only compares class names), compares the
 * names of the classes loaded so far, and writes nothing; ASM loads when an SDK class does, JMX only
 * when asked, the JDK's weaving at the first scope (or at start with {@code jdk=start}), the JDK
 * Flight Recorder events when Flight Recorder starts, the alarm only with {@code alarm=}. Only when
 * an SDK class is loaded already (another agent loaded it first) does it look for the components
 * built before it started ({@link PreExistingComponents}). A second load in the same JVM honours only
 * what a probe asks for: the MBean, and the JDK's weaving.
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
  /** Set once the JDK is woven (its pools, timers, HTTP clients and threads counted): at the first scope, or {@code jdk=start}. */
  public static final String JDK_PROPERTY = "leakgate.agent.jdk";

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
    long startMillis = System.currentTimeMillis();
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
      report = ReportLocation.of(options.reportPath(), startMillis);
      String problem = report.problem();
      if (problem != null) {
        System.err.println("leakgate: " + problem); // one problem line, and no report written
        report = null;
      } else {
        ReportFile.writeAtExit(report, options.quiet(), inst);
      }
    }
    boolean alarms = !options.alarms().isEmpty();
    if (alarms) {
      startWatching(options, startMillis);
    }
    // cheap: in the common case no other code ran before this premain, so no SDK class can be loaded yet
    List<Class<?>> loadedSdk = attached || SdkTransformer.otherCodeRanBefore(inst) ? transformer.loadedTargets(inst) : List.of();
    String missed = loadedSdk.isEmpty() ? null : PreExistingComponents.find(inst, transformer, loadedSdk, attached);
    if (attached) {
      startEventsIfFlightRecorderRuns(inst);
    }
    if (options.jmx()) {
      RegistryJmx.register();
    }
    if (!options.quiet()) {
      System.err.println("leakgate: agent " + version() + " active ("
          + (report == null ? "no report file" : "report at exit: " + report)
          + (options.jmx() ? "; JMX " + RegistryJmx.NAME : "; no JMX until jmx=on or a probe asks")
          + (alarms ? "; alarm " + options.alarmsText() : "")
          + (options.jdkAtStart() ? "; JDK pools, timers and threads counted from start"
              : "; JDK pools, timers and threads counted once a scope opens (jdk=start: from start)") + ")");
    }
    if (missed != null) {
      System.err.println(missed); // even with log=quiet: it says what LeakGate could not see
    }
  }

  /** Installs the {@code alarm=} rules, with the alarm report unless its folder is refused (one line says so). */
  private static void startWatching(AgentOptions options, long startMillis) {
    ReportLocation report = null;
    if (options.alarmReportPath() != null) {
      report = ReportLocation.of("alarmReport", options.alarmReportPath(), startMillis);
      String problem = report.problem();
      if (problem != null) {
        System.err.println("leakgate: " + problem);
        report = null;
      }
    }
    AlarmWatch.install(options.alarms(), report, startMillis);
  }

  /** Attached to a JVM whose Flight Recorder runs already: the JFR events are set up now. */
  private static void startEventsIfFlightRecorderRuns(Instrumentation inst) {
    String recorder = FlightRecorderEvents.RECORDER_CLASS.replace('/', '.');
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getName().equals(recorder)) {
        FlightRecorderEvents.flightRecorderStarting();
        return;
      }
    }
  }
}
