package dev.leakgate.harness.registry;

import dev.leakgate.internal.probe.AgentInstaller;
import dev.leakgate.internal.probe.Lifecycle;
import dev.leakgate.internal.probe.RegistryClient;
import dev.leakgate.agent.AgentMain;
import dev.leakgate.agent.report.ReportJson;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.json.JsonReports;

/**
 * The registry of this JVM. Goes through the agent's report JSON so that the in-process, JMX and
 * exit reports are one format read one way. Create it only after {@link AgentInstaller#ensureInstalled}.
 */
public final class InProcessRegistry implements RegistryClient {
  @Override
  public Report read() {
    try {
      return JsonReports.parse(ReportJson.toJson(Registry.snapshot(), "agent", AgentMain.version()), "the in-process registry");
    } catch (ReportFormatException e) {
      throw new IllegalStateException("the agent wrote a report its own reader rejects (a LeakGate bug): " + e.getMessage(), e);
    }
  }

  @Override
  public String lifecycle() {
    return Lifecycle.ofCounters(Registry::created, Registry::shutdown);
  }

  @Override
  public String toString() {
    return "InProcessRegistry";
  }
}
