package dev.leakgate.agent.jmx;

import dev.leakgate.agent.report.AgentVersion;
import dev.leakgate.agent.report.ReportJson;
import dev.leakgate.api.Counts;
import dev.leakgate.api.Kind;
import dev.leakgate.api.Registry;
import dev.leakgate.api.Snapshot;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Publishes the registry as an MXBean. Registration happens off the premain path. */
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
    } catch (Throwable t) {
      System.err.println("leakgate: JMX registration failed (probes cannot read this JVM): " + t);
    }
  }

  @Override
  public Map<String, Long> getCreated() {
    return perKind(Counts::created);
  }

  @Override
  public Map<String, Long> getShutdown() {
    return perKind(Counts::shutdown);
  }

  @Override
  public Map<String, Long> getLive() {
    return perKind(Counts::live);
  }

  @Override
  public Map<String, Long> getLiveThreads() {
    return perKind(Counts::liveThreads);
  }

  @Override
  public String getAgentVersion() {
    return AgentVersion.get();
  }

  @Override
  public String reportJson() {
    return ReportJson.toJson(Registry.snapshot(), "agent", AgentVersion.get());
  }

  private static Map<String, Long> perKind(ToLongFunction<Counts> field) {
    Snapshot s = Registry.snapshot();
    Map<String, Long> out = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      out.put(kind.name(), field.applyAsLong(s.counts(kind)));
    }
    return out;
  }
}
