package dev.leakgate.harness.registry;

import dev.leakgate.internal.probe.ProbeException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Duration;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to another JVM whose connect, every call and close are bounded by one timeout
 * (the probe's {@code --timeout}): what both probes, the agent's MBean and JFR's, talk through.
 */
public final class JmxConnection implements AutoCloseable {
  /** One remote call, given the connection's MBean server. */
  @FunctionalInterface
  public interface Call<T> {
    /** Makes the call. */
    T on(MBeanServerConnection server) throws Exception;
  }

  private final JMXConnector connector;
  private final MBeanServerConnection server;
  private final TimedCalls calls;

  private JmxConnection(JMXConnector connector, MBeanServerConnection server, TimedCalls calls) {
    this.connector = connector;
    this.server = server;
    this.calls = calls;
  }

  /**
   * Connects to a JMX service URL ({@code target} names the JVM in messages); fails with a {@link
   * ProbeException} when the URL is malformed, the connect fails, or it takes longer than {@code timeout}.
   */
  public static JmxConnection open(String url, String target, Duration timeout) {
    JMXConnector connector;
    try {
      connector = JMXConnectorFactory.newJMXConnector(new JMXServiceURL(url), null);
    } catch (MalformedURLException e) {
      throw new ProbeException("'" + url + "' is not a JMX service URL (e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi)", e);
    } catch (IOException e) {
      throw new ProbeException("cannot connect to " + target + " over JMX: " + e.getMessage(), e);
    }
    TimedCalls calls = new TimedCalls(target, timeout);
    try {
      MBeanServerConnection server = calls.call("the JMX connect", () -> {
        connector.connect();
        return connector.getMBeanServerConnection();
      });
      return new JmxConnection(connector, server, calls);
    } catch (ProbeException e) {
      calls.closeWith(() -> closeQuietly(connector));
      throw e;
    } catch (Exception e) {
      calls.closeWith(() -> closeQuietly(connector));
      throw new ProbeException("cannot connect to " + target + " over JMX: " + e.getMessage(), e);
    }
  }

  /** Makes one call, waited for at most the timeout ({@link ProbeException} beyond it). */
  public <T> T call(String what, Call<T> call) throws Exception {
    return calls.call(what, () -> call.on(server));
  }

  /** The JVM at the other end, as messages name it. */
  public String target() {
    return calls.target();
  }

  /** The most the connect and each call may take. */
  public Duration timeout() {
    return calls.timeout();
  }

  /** Closes the connection, waiting at most the timeout; a close that hangs is left to a daemon thread. */
  @Override
  public void close() {
    if (calls.stuck()) {
      // the peer stopped answering: an orderly close would wait the timeout once more for nothing
      calls.closeWith(() -> closeQuietly(connector));
      return;
    }
    try {
      calls.call("the JMX close", () -> {
        connector.close();
        return null;
      });
    } catch (Exception ignored) {
      // closing is best effort
    } finally {
      calls.closeWith(() -> closeQuietly(connector));
    }
  }

  private static void closeQuietly(JMXConnector connector) {
    try {
      connector.close();
    } catch (IOException | RuntimeException ignored) {
      // closing is best effort
    }
  }

  @Override
  public String toString() {
    return "JmxConnection{" + calls + "}";
  }
}
