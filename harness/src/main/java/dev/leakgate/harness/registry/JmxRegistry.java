package dev.leakgate.harness.registry;

import dev.leakgate.internal.probe.ProbeException;
import dev.leakgate.internal.probe.Lifecycle;
import dev.leakgate.internal.probe.RegistryClient;
import dev.leakgate.agent.AgentMain;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.json.JsonReports;
import java.time.Duration;
import java.util.Properties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The registry of another JVM, read over JMX (by pid through the Attach API, or by JMX URL). The
 * attach, the connect and every remote call are bounded by the probe's {@code --timeout}
 * ({@link TimedCalls}): JMX over RMI has no timeout of its own for a listener that accepts and never
 * answers (about a minute) or one that stalls after the handshake (forever).
 */
public final class JmxRegistry implements RegistryClient {
  /** The agent's MBean. */
  public static final String MBEAN = "dev.leakgate:type=Registry";
  /** How long the connect and each call may take unless told otherwise: the probe's --timeout default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** How long to wait for the MBean once asked for: registration runs inside the agent load, so this is a safety margin. */
  private static final Duration MBEAN_WAIT = Duration.ofSeconds(5);
  /** The options of an agent load that asks for the MBean, in a JVM that runs the agent already or not. */
  private static final String ASK_FOR_JMX = "log=quiet,jmx=on";
  /** Added for the probe: weave the JDK, so its pools, timers, HTTP clients and threads are counted from then on. */
  private static final String ASK_FOR_JDK = ",jdk=start";

  private final JmxConnection connection;
  private final ObjectName name;
  private final String target;

  private JmxRegistry(JmxConnection connection) {
    this.connection = connection;
    this.target = connection.target();
    try {
      this.name = new ObjectName(MBEAN);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Connects to the JVM with this pid. Without the agent there, fails unless {@code attach} is set.
   * The agent registers its MBean only when asked, and weaves the JDK only at the first scope, so unless
   * it did what is needed already, the thin agent jar is loaded with {@code jmx=on} (and {@code
   * jdk=start} when {@code countJdk}: the probe, which measures; a one-shot read changes nothing more):
   * the running agent registers the MBean (and weaves the JDK), an absent one starts so.
   */
  public static JmxRegistry ofPid(long pid, boolean attach, boolean countJdk, Duration timeout) {
    String url;
    try (TargetJvm vm = TargetJvm.attach(pid, timeout)) {
      Properties props = vm.systemProperties();
      if (props.getProperty(AgentMain.VERSION_PROPERTY) == null && !attach) {
        throw new ProbeException("pid " + pid + " runs no LeakGate agent: start it with -javaagent:leakgate-agent.jar, or pass --attach");
      }
      if (props.getProperty(AgentMain.JMX_PROPERTY) == null || countJdk && props.getProperty(AgentMain.JDK_PROPERTY) == null) {
        try (TargetAgentJar jar = TargetAgentJar.locate()) {
          vm.loadAgent(jar.path(), countJdk ? ASK_FOR_JMX + ASK_FOR_JDK : ASK_FOR_JMX);
        }
      }
      url = vm.localJmxAddress();
    }
    JmxRegistry registry = new JmxRegistry(JmxConnection.open(url, "pid " + pid, timeout));
    registry.awaitMBean();
    return registry;
  }

  /**
   * Connects to a JMX service URL such as {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi};
   * the connect and each later call fail with a {@link ProbeException} after {@code timeout}.
   */
  public static JmxRegistry ofUrl(String url, Duration timeout) {
    JmxRegistry registry = new JmxRegistry(JmxConnection.open(url, url, timeout));
    registry.awaitMBean();
    return registry;
  }

  private <T> T within(String what, JmxConnection.Call<T> call) throws Exception {
    return connection.call(what, call);
  }

  private void awaitMBean() {
    long deadline = System.nanoTime() + MBEAN_WAIT.toNanos();
    long pause = 20;
    try {
      while (!within("whether " + MBEAN + " is registered", server -> server.isRegistered(name))) {
        if (System.nanoTime() > deadline) {
          close();
          throw new ProbeException(target + " has no " + MBEAN + " MBean: it runs no LeakGate agent, or one started without jmx=on");
        }
        Thread.sleep(pause);
        pause = Math.min(pause * 2, 500);
      }
    } catch (ProbeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("interrupted while waiting for " + target);
    } catch (Exception e) {
      throw new ProbeException("lost the JMX connection to " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Report read() {
    String json;
    try {
      json = within("reportJson()", server -> (String) server.invoke(name, "reportJson", new Object[0], new String[0]));
    } catch (ProbeException e) {
      throw e;
    } catch (Exception e) {
      throw new ProbeException("cannot read the registry of " + target + " (did the JVM exit?): " + e.getMessage(), e);
    }
    try {
      return JsonReports.parse(json, target);
    } catch (ReportFormatException e) {
      throw new ProbeException(target + " answered with a report LeakGate cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public String lifecycle() {
    try {
      AttributeList values = within("the Created and Shutdown counts",
          server -> server.getAttributes(name, new String[] {"Created", "Shutdown"}));
      Map<String, Long> created = Map.of();
      Map<String, Long> shutdown = Map.of();
      for (Attribute a : values.asList()) {
        if (a.getName().equals("Created")) {
          created = perKind((TabularData) a.getValue());
        } else if (a.getName().equals("Shutdown")) {
          shutdown = perKind((TabularData) a.getValue());
        }
      }
      return Lifecycle.of(created, shutdown);
    } catch (ProbeException e) {
      throw e;
    } catch (Exception e) {
      throw new ProbeException("cannot read the registry of " + target + " (did the JVM exit?): " + e.getMessage(), e);
    }
  }

  /**
   * One line per {@code alarm=} rule of the agent there (its live count, whether it is over, how often
   * it fired); empty when it has none, or when its agent predates alarms.
   */
  public List<String> alarms() {
    try {
      String[] lines = within("the Alarms attribute", server -> (String[]) server.getAttribute(name, "Alarms"));
      return lines == null ? List.of() : List.of(lines);
    } catch (ProbeException e) {
      throw e;
    } catch (javax.management.AttributeNotFoundException e) {
      return List.of();
    } catch (Exception e) {
      throw new ProbeException("cannot read the registry of " + target + " (did the JVM exit?): " + e.getMessage(), e);
    }
  }

  /** An MXBean {@code Map<String, Long>} arrives as tabular data of key/value rows. */
  private static Map<String, Long> perKind(TabularData table) {
    Map<String, Long> out = new HashMap<>();
    for (Object row : table.values()) {
      CompositeData data = (CompositeData) row;
      out.put((String) data.get("key"), (Long) data.get("value"));
    }
    return out;
  }

  @Override
  public void close() {
    connection.close();
  }

  @Override
  public String toString() {
    return "JmxRegistry{" + target + "}";
  }
}
