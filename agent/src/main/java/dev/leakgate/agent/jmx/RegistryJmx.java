package dev.leakgate.agent.jmx;

import dev.leakgate.agent.AgentMain;
import dev.leakgate.agent.report.ReportJson;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.Snapshot;
import dev.leakgate.agent.watch.AlarmWatch;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Publishes the registry as an MXBean, only when asked ({@code jmx=on}, or a probe's second load):
 * the platform MBeanServer initialises java.util.logging, which a host may want to choose itself.
 * Beside it, one {@code dev.leakgate:type=Components,kind=KIND} MBean per kind for metric engines.
 */
public final class RegistryJmx implements RegistryMXBean {
  /** The MBean's object name. */
  public static final String NAME = "dev.leakgate:type=Registry";

  private RegistryJmx() {}

  /** Registers the MBean now, unless it already is; failures are reported once, never thrown. */
  public static synchronized void register() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName(NAME);
      if (!server.isRegistered(name)) {
        server.registerMBean(new RegistryJmx(), name);
      }
      for (Kind kind : Kind.values()) {
        ObjectName perKind = new ObjectName(ComponentsJmx.nameOf(kind));
        if (!server.isRegistered(perKind)) {
          server.registerMBean(new ComponentsJmx(kind), perKind);
        }
      }
      System.setProperty(AgentMain.JMX_PROPERTY, NAME);
    } catch (Throwable t) {
      System.err.println("leakgate: JMX registration failed (probes cannot read this JVM): " + t);
    }
  }

  // Created, Shutdown and Live read counters only: probes poll them while they wait for stillness
  @Override
  public Map<String, Long> getCreated() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      out.put(kind.name(), Registry.created(kind));
    }
    return out;
  }

  @Override
  public Map<String, Long> getShutdown() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      out.put(kind.name(), Registry.shutdown(kind));
    }
    return out;
  }

  @Override
  public Map<String, Long> getLive() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      out.put(kind.name(), Registry.live(kind));
    }
    return out;
  }

  @Override
  public Map<String, Long> getLiveThreads() {
    Snapshot s = Registry.snapshot();
    Map<String, Long> out = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      out.put(kind.name(), s.counts(kind).liveThreads());
    }
    return out;
  }

  @Override
  public String[] getAlarms() {
    return AlarmWatch.describe();
  }

  @Override
  public String getAgentVersion() {
    return AgentMain.version();
  }

  @Override
  public String reportJson() {
    return ReportJson.toJson(Registry.snapshot(), "agent", AgentMain.version());
  }
}
