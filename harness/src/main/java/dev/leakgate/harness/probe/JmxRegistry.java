package dev.leakgate.harness.probe;

import com.sun.tools.attach.VirtualMachine;
import dev.leakgate.agent.AgentMain;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.ReportFormatException;
import dev.leakgate.reports.model.Reports;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.HashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The registry of another JVM, read over JMX (by pid through the Attach API, or by JMX URL). */
public final class JmxRegistry implements RegistryClient {
  /** The agent's MBean. */
  public static final String MBEAN = "dev.leakgate:type=Registry";
  /** How long to wait for the MBean once asked for: registration runs inside the agent load, so this is a safety margin. */
  private static final Duration MBEAN_WAIT = Duration.ofSeconds(5);
  /** The options of the probe's agent load: registers the MBean, in a JVM that runs the agent already or not. */
  private static final String ASK_FOR_JMX = "log=quiet,jmx=on";

  private final JMXConnector connector;
  private final MBeanServerConnection server;
  private final ObjectName name;
  private final String target;

  private JmxRegistry(JMXConnector connector, String target) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
    this.target = target;
    try {
      this.name = new ObjectName(MBEAN);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Connects to the JVM with this pid. Without the agent there, fails unless {@code attach} is set.
   * The agent registers its MBean only when asked, so unless it did already, the thin agent jar is
   * loaded with {@code jmx=on}: the running agent registers the MBean, an absent one starts with it.
   */
  public static JmxRegistry ofPid(long pid, boolean attach) {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(String.valueOf(pid));
    } catch (Exception e) {
      throw new ProbeException("cannot attach to pid " + pid + " (no such JVM, another user's, or attach disabled): " + e.getMessage(), e);
    }
    try {
      Properties props = vm.getSystemProperties();
      if (props.getProperty(AgentMain.VERSION_PROPERTY) == null && !attach) {
        throw new ProbeException("pid " + pid + " runs no LeakGate agent: start it with -javaagent:leakgate-agent.jar, or pass --attach");
      }
      if (props.getProperty(AgentMain.JMX_PROPERTY) == null) {
        try (TargetAgentJar jar = TargetAgentJar.locate()) {
          vm.loadAgent(jar.path(), ASK_FOR_JMX);
        }
      }
      String url = vm.startLocalManagementAgent();
      JmxRegistry registry = connect(url, "pid " + pid);
      registry.awaitMBean();
      return registry;
    } catch (ProbeException e) {
      throw e;
    } catch (Exception e) {
      throw new ProbeException("cannot read the LeakGate registry of pid " + pid + ": " + e.getMessage(), e);
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the JMX connection does not need the attach channel
      }
    }
  }

  /** Connects to a JMX service URL such as {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi}. */
  public static JmxRegistry ofUrl(String url) {
    JmxRegistry registry = connect(url, url);
    registry.awaitMBean();
    return registry;
  }

  private static JmxRegistry connect(String url, String target) {
    try {
      return new JmxRegistry(JMXConnectorFactory.connect(new JMXServiceURL(url)), target);
    } catch (java.net.MalformedURLException e) {
      throw new ProbeException("'" + url + "' is not a JMX service URL (e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi)", e);
    } catch (IOException e) {
      throw new ProbeException("cannot connect to " + target + " over JMX: " + e.getMessage(), e);
    }
  }

  private void awaitMBean() {
    long deadline = System.nanoTime() + MBEAN_WAIT.toNanos();
    long pause = 20;
    try {
      while (!server.isRegistered(name)) {
        if (System.nanoTime() > deadline) {
          close();
          throw new ProbeException(target + " has no " + MBEAN + " MBean: it runs no LeakGate agent, or one started without jmx=on");
        }
        Thread.sleep(pause);
        pause = Math.min(pause * 2, 500);
      }
    } catch (IOException e) {
      throw new ProbeException("lost the JMX connection to " + target + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("interrupted while waiting for " + target);
    }
  }

  @Override
  public Report read() {
    String json;
    try {
      json = (String) server.invoke(name, "reportJson", new Object[0], new String[0]);
    } catch (Exception e) {
      throw new ProbeException("cannot read the registry of " + target + " (did the JVM exit?): " + e.getMessage(), e);
    }
    try {
      return Reports.parse(json, target);
    } catch (ReportFormatException e) {
      throw new ProbeException(target + " answered with a report LeakGate cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public String lifecycle() {
    try {
      AttributeList values = server.getAttributes(name, new String[] {"Created", "Shutdown"});
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
    try {
      connector.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }

  @Override
  public String toString() {
    return "JmxRegistry{" + target + "}";
  }
}
