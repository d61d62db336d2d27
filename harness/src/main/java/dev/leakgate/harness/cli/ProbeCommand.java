package dev.leakgate.harness.cli;

import dev.leakgate.harness.jfr.JfrThreadRegistry;
import dev.leakgate.internal.load.HttpLoad;
import dev.leakgate.internal.load.LoadException;
import dev.leakgate.harness.registry.JmxRegistry;
import dev.leakgate.harness.registry.TargetJvm;
import dev.leakgate.internal.probe.Probe;
import dev.leakgate.internal.probe.ProbeException;
import dev.leakgate.internal.probe.RegistryClient;
import dev.leakgate.reports.cli.GateRun;
import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.cli.GateOptions;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.FileProblem;
import dev.leakgate.reports.json.JsonReports;
import dev.leakgate.reports.render.ConsoleRenderer;
import dev.leakgate.reports.render.ReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakgate probe}: drives requests at a running service and measures component growth per request. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Measures thread-owning component growth per request in a running JVM.",
      "",
      "Reads the LeakGate registry of a running JVM (which runs the agent), sends requests to a URL, "
          + "and reports whether thread-owning components grow per request (OpenTelemetry's, and the JDK's "
          + "pools, timers, HTTP clients and threads: with --pid the agent counts those from the probe on): "
          + "LEAK, BOUNDED, CHURN or CLEAN, with the rate per request and the lines that create them. A JVM "
          + "without the agent is read from JDK Flight Recorder thread events instead (--jfr forces that "
          + "source): any thread started per request, attributed to the line and the SDK component that started it.",
      "",
      "Exit codes: 0 the gate passed, 1 the gate failed, 2 usage or connection error."
    })
public final class ProbeCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  JvmTarget target;

  @Option(names = "--attach", description = "With --pid: load the agent into the JVM first when it does not run it "
      + "(the thin leakgate-agent.jar only; JDK 21+ prints a warning in the target unless it runs with -XX:+EnableDynamicAgentLoading).")
  boolean attach;

  @Option(names = "--jfr", description = "Read thread starts and ends from JDK Flight Recorder, installing nothing"
      + " (the source when the JVM runs no agent and --attach is not given).")
  boolean jfr;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The request to send, e.g. http://127.0.0.1:8000/create_agent.")
  URI url;

  @Option(names = "--method", paramLabel = "M", description = "HTTP method (default: POST with a body, else GET).")
  String method;

  @ArgGroup(exclusive = true)
  Body body;

  static final class Body {
    @Option(names = "--body", paramLabel = "JSON", description = "Request body.")
    String text;

    @Option(names = "--body-file", paramLabel = "FILE", description = "Request body from a file.")
    Path file;
  }

  @Option(names = "--header", paramLabel = "K:V", description = "Request header (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(names = "--requests", paramLabel = "N", defaultValue = "" + Probe.DEFAULT_REQUESTS,
      description = "Measured requests after warm-up (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", paramLabel = "W", defaultValue = "" + Probe.DEFAULT_WARMUP,
      description = "Warm-up requests, not measured (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1",
      description = "Requests in flight at once; a sample is taken after each round of C (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--settle", paramLabel = "MS", defaultValue = "200",
      description = "Counts must be still this many milliseconds before a sample (default: ${DEFAULT-VALUE}).")
  long settleMillis;

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
      description = "Seconds one sample may wait for counts to settle, and the most the attach, the JMX "
          + "connect and each call to the JVM may take (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the report (schema leakgate.report/1) here.")
  Path report;

  @Mixin GateOptions gate;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      validate();
      HttpLoad.Builder http = HttpLoad.to(url).concurrency(concurrency);
      if (method != null) {
        http.method(method);
      }
      String payload = body == null ? null : body.text != null ? body.text : readBody(body.file);
      if (payload != null) {
        http.body(payload);
      }
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--header must be NAME:VALUE, got '" + h + "'");
        }
        http.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
      Report result;
      try (RegistryClient registry = connect(out); HttpLoad load = http.build()) {
        result = Probe.builder(registry, load)
            .requests(requests)
            .warmup(warmup)
            .settle(Duration.ofMillis(settleMillis))
            .timeout(Duration.ofSeconds(timeoutSeconds))
            .source(registry instanceof JfrThreadRegistry ? "jfr" : "probe", url.toString())
            .build()
            .run();
      }
      Report baseline = gate.readBaseline();
      GateResult verdict = new Gate(gate.policy()).check(result, baseline);
      // the gate's result leads; the table and sites it was decided on follow
      GateRun.verdictLines(verdict, baseline != null).forEach(out::println);
      out.println();
      out.print(new ConsoleRenderer().render(result));
      if (report != null) {
        JsonReports.write(result, report);
        out.println("report: " + report.toAbsolutePath());
      }
      out.flush();
      return verdict.exitCode();
    } catch (ProbeException | LoadException e) {
      // the message may quote the other JVM or the service's answer: one safe line
      err.println("leakgate probe: " + ReportText.line(e.getMessage()));
      return Gate.EXIT_BAD_INPUT;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    } catch (dev.leakgate.reports.json.ReportFormatException e) {
      err.println("leakgate probe: " + ReportText.line(e.getMessage()));
      return Gate.EXIT_BAD_INPUT;
    } catch (IOException e) {
      err.println("leakgate probe: cannot write the report: " + ReportText.line(e.getMessage()));
      return Gate.EXIT_BAD_INPUT;
    }
  }

  private void validate() {
    if (requests < 2) {
      throw new IllegalArgumentException("--requests must be at least 2, got " + requests);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
    }
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("--concurrency must be from 1 to 256, got " + concurrency);
    }
    if (settleMillis < 0 || timeoutSeconds < 1 || timeoutSeconds * 1000 <= settleMillis) {
      throw new IllegalArgumentException("--settle must be >= 0 ms and below --timeout (" + timeoutSeconds + " s), got " + settleMillis + " ms");
    }
    if (attach && target.pid == null) {
      throw new IllegalArgumentException("--attach works with --pid only");
    }
    if (attach && jfr) {
      throw new IllegalArgumentException("--attach and --jfr exclude each other: --jfr installs nothing");
    }
  }

  private RegistryClient connect(PrintWriter out) {
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    if (jfr || (target.pid != null && !attach && !TargetJvm.runsLeakGateAgent(target.pid, timeout))) {
      out.println("source: JDK Flight Recorder thread events of " + target.label()
          + (jfr ? "" : " (it runs no LeakGate agent)") + "; the recording is removed at the end");
      out.flush();
      return target.pid != null ? JfrThreadRegistry.ofPid(target.pid, timeout) : JfrThreadRegistry.ofUrl(target.jmx, timeout);
    }
    if (target.pid != null) {
      return JmxRegistry.ofPid(target.pid, attach, true, timeout);
    }
    return JmxRegistry.ofUrl(target.jmx, timeout);
  }

  private static String readBody(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProbeException("cannot read --body-file " + file + ": " + FileProblem.of(e), e);
    }
  }
}
