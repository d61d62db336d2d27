package dev.leakgate.internal.probe;

import dev.leakgate.harness.registry.JmxRegistry;
import dev.leakgate.harness.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import java.rmi.server.RMIServerSocketFactory;
import jdk.management.jfr.FlightRecorderMXBean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code probe --jmx URL --timeout S} (with the agent, or {@code --jfr}) against JMX peers that never
 * answer, on real loopback sockets: the probe gives up after about S seconds with exit 2 and one line,
 * for the connect and for a call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeJmxTimeoutTest {
  private static final int TIMEOUT_SECONDS = 2;
  // a loaded two-core CI machine: the probe may be late by this much, never by the RMI default of a minute
  private static final Duration SLACK = Duration.ofSeconds(4);

  @BeforeAll
  static void rmiStubsNameLoopback() {
    // the stub a JMX connector server hands out names this host; keep it on loopback
    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
  }

  private static CliRun probeJmx(String jmxUrl, String... more) {
    // the HTTP URL is never reached: the probe reads the registry before its first request
    List<String> args = new java.util.ArrayList<>(List.of("probe", "--jmx", jmxUrl, "--url", "http://127.0.0.1:9/create_agent",
        "--timeout", String.valueOf(TIMEOUT_SECONDS)));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static String registryUrl(int port) {
    return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
  }

  private static void assertGaveUpInTime(CliRun run, String what) {
    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines()).as(run.toString()).singleElement().asString()
        .startsWith("leakgate probe: ")
        .contains(what, "did not answer", " within " + TIMEOUT_SECONDS + " s (--timeout)");
    assertThat(run.took()).as(run.toString())
        .isGreaterThanOrEqualTo(Duration.ofSeconds(TIMEOUT_SECONDS).minusMillis(100))
        .isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS).plus(SLACK));
  }

  @Test
  void aListenerThatNeverAcceptsFailsTheConnectWithinTheTimeout() throws Exception {
    // the kernel completes the TCP handshake into the backlog; nobody ever reads or answers
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRun run = probeJmx(registryUrl(silent.getLocalPort()));

      assertGaveUpInTime(run, "the JMX connect");
    }
  }

  @Test
  void theJfrProbeToAListenerThatNeverAcceptsFailsTheConnectWithinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRun run = probeJmx(registryUrl(silent.getLocalPort()), "--jfr");

      assertGaveUpInTime(run, "the JMX connect");
    }
  }

  @Test
  void theJfrProbeToAJvmWhoseFlightRecorderStallsFailsWithinTheTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    InvocationHandler stall = (proxy, method, args) -> {
      release.await(30, TimeUnit.SECONDS);
      return method.getReturnType() == long.class ? 1L : null;
    };
    FlightRecorderMXBean stalling = (FlightRecorderMXBean) Proxy.newProxyInstance(
        FlightRecorderMXBean.class.getClassLoader(), new Class<?>[] {FlightRecorderMXBean.class}, stall);
    MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    mbeans.registerMBean(new StandardMBean(stalling, FlightRecorderMXBean.class, true),
        new ObjectName(FlightRecorderMXBean.MXBEAN_NAME));
    JMXConnectorServer server = loopbackConnectorServer(mbeans);
    try {
      CliRun run = probeJmx(server.getAddress().toString(), "--jfr");

      assertGaveUpInTime(run, "the creation of a JFR recording");
    } finally {
      release.countDown();
      server.stop();
    }
  }

  private static JMXConnectorServer loopbackConnectorServer(MBeanServer mbeans) throws IOException {
    RMIServerSocketFactory loopbackOnly = port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
        new JMXServiceURL("service:jmx:rmi://127.0.0.1:0"),
        Map.of("jmx.remote.rmi.server.socket.factory", loopbackOnly), mbeans);
    server.start();
    return server;
  }

  @Test
  void aListenerThatAcceptsAndNeverAnswersFailsTheConnectWithinTheTimeout() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(mute.accept());
          }
        } catch (IOException closed) {
          // the test closed the listener
        }
      }, "mute-jmx-listener");
      acceptor.setDaemon(true);
      acceptor.start();

      CliRun run = probeJmx(registryUrl(mute.getLocalPort()));

      assertGaveUpInTime(run, "the JMX connect");
      assertThat(held).as("the probe really connected").isNotEmpty();
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  /** A registry MBean whose every answer waits until the test lets it go. */
  public interface StallingRegistryMXBean {
    Map<String, Long> getCreated();

    Map<String, Long> getShutdown();

    String reportJson();
  }

  @Test
  void aJvmThatStallsAfterTheHandshakeFailsTheFirstCallWithinTheTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    StallingRegistryMXBean stalling = new StallingRegistryMXBean() {
      private <T> T stall(T answer) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return answer;
      }

      @Override
      public Map<String, Long> getCreated() {
        return stall(Map.of());
      }

      @Override
      public Map<String, Long> getShutdown() {
        return stall(Map.of());
      }

      @Override
      public String reportJson() {
        return stall("{}");
      }
    };
    MBeanServer mbeans = MBeanServerFactory.newMBeanServer();
    mbeans.registerMBean(stalling, new ObjectName(JmxRegistry.MBEAN));
    JMXConnectorServer server = loopbackConnectorServer(mbeans);
    try {
      CliRun run = probeJmx(server.getAddress().toString());

      // whichever gives up first, the call's timeout or the sample's (both --timeout), names the JVM
      assertGaveUpInTime(run, server.getAddress().toString());
    } finally {
      release.countDown();
      server.stop();
    }
  }
}
