package dev.leakgate.harness.cli;

import dev.leakgate.agent.watch.AlarmRule;
import dev.leakgate.harness.registry.TargetJvm;
import dev.leakgate.harness.registry.JmxRegistry;
import dev.leakgate.internal.probe.ProbeException;
import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.render.ConsoleRenderer;
import dev.leakgate.reports.render.ReportText;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakgate status}: one read of a running JVM's agent, sending it no requests; exit 1 when over an {@code --alarm} rule. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Reads what the LeakGate agent of a running JVM counts, once, and sends it no requests:",
      "live components per kind, the lines that created the live ones, and the agent's alarm= rules.",
      "For health checks: exit 1 when a --alarm rule is over.",
      "",
      "Exit codes: 0 no --alarm rule over, 1 a --alarm rule over, 2 usage or connection error",
      "(a bad rule, a pid that is not a JVM, a JVM without the agent)."
    })
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  JvmTarget target;

  @Option(names = "--alarm", paramLabel = "RULES",
      description = "KIND>N (more than N live of that kind) or live>N (of all kinds together); ';'-separated, repeatable. "
          + "Exit 1 when one is over.")
  List<String> alarms = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
      description = "Seconds the attach (with --pid), the JMX connect and each call may take (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<AlarmRule> rules = rules();
    if (timeoutSeconds < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second, got " + timeoutSeconds);
    }
    Report report;
    List<String> agentAlarms;
    try (JmxRegistry registry = connect()) {
      report = registry.read();
      agentAlarms = registry.alarms();
    } catch (ProbeException e) {
      err.println("leakgate status: " + ReportText.line(e.getMessage()));
      return Gate.EXIT_BAD_INPUT;
    }
    out.print(new ConsoleRenderer().render(report));
    out.println(agentAlarms.isEmpty() ? "Alarm rules of the agent: none (alarm= not set)" : "Alarm rules of the agent:");
    agentAlarms.forEach(line -> out.println("  " + ReportText.line(line)));
    int over = 0;
    if (!rules.isEmpty()) {
      Map<String, Long> livePerKind = new HashMap<>();
      for (Map.Entry<String, Counts> kind : report.components().entrySet()) {
        livePerKind.put(kind.getKey(), kind.getValue().live());
      }
      out.println("--alarm rules:");
      for (AlarmRule rule : rules) {
        long live = rule.liveOf(livePerKind);
        boolean isOver = rule.isOver(live);
        over += isOver ? 1 : 0;
        out.println("  " + (isOver ? "OVER " : "ok   ") + rule + ": " + live + " live " + rule.subject());
      }
      out.println(over == 0
          ? "status: OK (no --alarm rule over)"
          : "status: FAILED (" + over + " of " + rules.size() + " --alarm rules over)");
    }
    out.flush();
    return over == 0 ? Gate.EXIT_PASSED : Gate.EXIT_FAILED;
  }

  /** The --alarm rules, read by the agent's own parser; a bad one is a usage error naming it. */
  private List<AlarmRule> rules() {
    List<String> problems = new ArrayList<>();
    List<AlarmRule> rules = new ArrayList<>();
    for (String value : alarms) {
      rules.addAll(AlarmRule.parseAll(value, "--alarm", problems));
    }
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), problems.get(0).replace("; ignored", ""));
    }
    return rules;
  }

  private JmxRegistry connect() {
    if (target.pid != null) {
      if (!TargetJvm.runsLeakGateAgent(target.pid, Duration.ofSeconds(timeoutSeconds))) {
        throw new ProbeException("pid " + target.pid + " runs no LeakGate agent: start it with -javaagent:leakgate-agent.jar"
            + " (leakgate probe --pid reads a JVM without it, from JDK Flight Recorder)");
      }
      return JmxRegistry.ofPid(target.pid, false, false, Duration.ofSeconds(timeoutSeconds));
    }
    return JmxRegistry.ofUrl(target.jmx, Duration.ofSeconds(timeoutSeconds));
  }
}
