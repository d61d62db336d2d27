package dev.leakgate.harness.registry;

import dev.leakgate.internal.probe.ProbeException;
import dev.leakgate.internal.probe.Lifecycle;
import dev.leakgate.internal.probe.RegistryClient;
import com.sun.tools.attach.VirtualMachine;
import dev.leakgate.agent.AgentMain;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.json.JsonReports;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The registry of another JVM, read over JMX (by pid through the Attach API, or by JMX URL).
 *
 * <p>The connect and every remote call run on one daemon thread of this client and are waited for
 * at most the timeout: JMX over RMI has none of its own for a listener that accepts and never
 * answers (about a minute) or one that stalls after the handshake (forever).
 */
public final class JmxRegistry implements RegistryClient {
  /** The agent's MBean. */
  public static final String MBEAN = "dev.leakgate:type=Registry";
  /** How long the connect and each call may take unless told otherwise: the probe's --timeout default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** How long to wait for the MBean once asked for: registration runs inside the agent load, so this is a safety margin. */
  private static final Duration MBEAN_WAIT = Duration.ofSeconds(5);
  /**
   * The options of the probe's agent load: registers the MBean and weaves the JDK (its pools, timers,
   * HTTP clients and threads are counted from then on), in a JVM that runs the agent already or not.
   */
  private static final String ASK_FOR_JMX = "log=quiet,jmx=on,jdk=start";

  private final JMXConnector connector;
  private final MBeanServerConnection server;
  private final ObjectName name;
  private final String target;
  private final Duration timeout;
  private final ExecutorService calls;

  private JmxRegistry(JMXConnector connector, MBeanServerConnection server, String target, Duration timeout,
      ExecutorService calls) {
    this.connector = connector;
    this.server = server;
    this.target = target;
    this.timeout = timeout;
    this.calls = calls;
    try {
      this.name = new ObjectName(MBEAN);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Connects to the JVM with this pid. Without the agent there, fails unless {@code attach} is set.
   * The agent registers its MBean only when asked, and weaves the JDK only at the first scope, so unless
   * it did both already, the thin agent jar is loaded with {@code jmx=on,jdk=start}: the running agent
   * registers the MBean and weaves the JDK, an absent one starts with both.
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
      if (props.getProperty(AgentMain.JMX_PROPERTY) == null || props.getProperty(AgentMain.JDK_PROPERTY) == null) {
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

  /**
   * Connects to a JMX service URL such as {@code service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi};
   * the connect and each later call fail with a {@link ProbeException} after {@code timeout}.
   */
  public static JmxRegistry ofUrl(String url, Duration timeout) {
    JmxRegistry registry = connect(url, url, timeout);
    registry.awaitMBean();
    return registry;
  }

  private static JmxRegistry connect(String url, String target) {
    return connect(url, target, DEFAULT_TIMEOUT);
  }

  private static JmxRegistry connect(String url, String target, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    JMXConnector connector;
    try {
      connector = JMXConnectorFactory.newJMXConnector(new JMXServiceURL(url), null);
    } catch (java.net.MalformedURLException e) {
      throw new ProbeException("'" + url + "' is not a JMX service URL (e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi)", e);
    } catch (IOException e) {
      throw new ProbeException("cannot connect to " + target + " over JMX: " + e.getMessage(), e);
    }
    ExecutorService calls = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "leakgate-jmx-client");
      // a call stuck on a silent peer must not keep the probe's JVM alive
      thread.setDaemon(true);
      return thread;
    });
    try {
      MBeanServerConnection server = within(calls, timeout, target, "the JMX connect", () -> {
        connector.connect();
        return connector.getMBeanServerConnection();
      });
      return new JmxRegistry(connector, server, target, timeout, calls);
    } catch (ProbeException e) {
      abandon(calls, connector);
      throw e;
    } catch (Exception e) {
      abandon(calls, connector);
      throw new ProbeException("cannot connect to " + target + " over JMX: " + e.getMessage(), e);
    }
  }

  /** Runs one remote call on the client's thread and waits at most {@code timeout} for its answer. */
  private static <T> T within(ExecutorService calls, Duration timeout, String target, String what, Callable<T> call)
      throws Exception {
    Future<T> answer = calls.submit(call);
    try {
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new ProbeException(target + " did not answer " + what + " within " + timeout.toSeconds() + " s (--timeout)", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProbeException("interrupted while waiting for " + target, e);
    }
  }

  private <T> T within(String what, Callable<T> call) throws Exception {
    try {
      return within(calls, timeout, target, what, call);
    } catch (ProbeException e) {
      // the stuck call still holds the connection: nothing more can be asked of it
      abandon(calls, connector);
      throw e;
    }
  }

  /** Closes the connector once the client's thread is free (never, if the peer never answers), without waiting. */
  private static void abandon(ExecutorService calls, JMXConnector connector) {
    try {
      calls.execute(() -> closeQuietly(connector));
    } catch (java.util.concurrent.RejectedExecutionException alreadyAbandoned) {
      // a previous timeout queued the close already
    }
    calls.shutdown();
  }

  private static void closeQuietly(JMXConnector connector) {
    try {
      connector.close();
    } catch (IOException | RuntimeException ignored) {
      // closing is best effort
    }
  }

  private void awaitMBean() {
    long deadline = System.nanoTime() + MBEAN_WAIT.toNanos();
    long pause = 20;
    try {
      while (!within("whether " + MBEAN + " is registered", () -> server.isRegistered(name))) {
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
      json = within("reportJson()", () -> (String) server.invoke(name, "reportJson", new Object[0], new String[0]));
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
          () -> server.getAttributes(name, new String[] {"Created", "Shutdown"}));
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
    if (calls.isShutdown()) {
      return;
    }
    try {
      within(calls, timeout, target, "the JMX close", () -> {
        connector.close();
        return null;
      });
    } catch (Exception ignored) {
      // closing is best effort; a close that hangs is left to the daemon thread
    } finally {
      calls.shutdown();
    }
  }

  @Override
  public String toString() {
    return "JmxRegistry{" + target + "}";
  }
}
