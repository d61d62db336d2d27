package dev.leakgate.harness.cli;

import dev.leakgate.harness.demo.Demo;
import dev.leakgate.internal.probe.ProbeException;
import dev.leakgate.harness.service.Variant;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.JsonReports;
import dev.leakgate.reports.render.HtmlRenderer;
import dev.leakgate.reports.render.ReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakgate demo}: the original leak, found and named, next to its fix and the shapes in between. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the original leak found and named, beside its fix and the shapes in between.",
      "",
      "Runs the reference crewAI-style service in each variant in this JVM with the agent, sends "
          + "requests to POST /create_agent on loopback, and prints the threads after each of the first "
          + "three calls (the original report's table) and a verdict per variant with the culprit line. "
          + "Writes a JSON and an HTML report per variant.",
      "",
      "Exit codes: 0 every variant showed what it is meant to, 1 one did not, 2 usage or setup error."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--variant", split = ",", paramLabel = "NAME",
      description = "Variants to run, comma-separated (default: all: leaky, fixed, racy, per-thread, churn).")
  List<String> variants;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/leakgate",
      description = "Where the reports go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--settle", paramLabel = "MS", defaultValue = "200",
      description = "Counts must be still this many milliseconds before a sample (default: ${DEFAULT-VALUE}).")
  long settleMillis;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    List<Variant> chosen = new ArrayList<>();
    if (variants == null || variants.isEmpty()) {
      chosen.addAll(List.of(Variant.values()));
    } else {
      for (String v : variants) {
        try {
          chosen.add(Variant.fromLabel(v));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
      }
    }
    if (settleMillis < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--settle must be 0 or more milliseconds, got " + settleMillis);
    }
    // the service logs every request; in the demo that would bury the table
    System.setProperty("org.slf4j.simpleLogger.log.dev.leakgate.harness.service", "warn");
    Map<Variant, Demo.Outcome> outcomes;
    try {
      o.println("leakgate demo: POST /create_agent against the reference service, one variant at a time (loopback only)");
      o.flush();
      outcomes = Demo.run(chosen, Duration.ofMillis(settleMillis));
    } catch (ProbeException | dev.leakgate.internal.load.LoadException e) {
      spec.commandLine().getErr().println("leakgate demo: " + ReportText.line(e.getMessage()));
      return 2;
    }
    Files.createDirectories(out);
    o.println();
    o.println("Threads in this JVM after each of the first three calls (processor workers in brackets;");
    o.println("racy: after each round of " + Demo.RACY_CONCURRENCY + " concurrent calls, so its check-then-act race can happen):");
    o.printf("  %-11s %-12s %-12s %-12s %-12s%n", "variant", "start", "call 1", "call 2", "call 3");
    for (Demo.Outcome outcome : outcomes.values()) {
      List<Long> t = outcome.jvmThreads();
      List<Long> w = outcome.workerThreads();
      StringBuilder row = new StringBuilder(String.format("  %-11s %-12s", outcome.variant().label(), t.get(0) + " [" + w.get(0) + "]"));
      for (int i = 1; i < t.size(); i++) {
        row.append(String.format(" %-12s", String.format("%+d [%+d]", t.get(i) - t.get(i - 1), w.get(i) - w.get(i - 1))));
      }
      o.println(row);
    }
    o.println();
    o.printf("  %-11s %-8s %-12s %-9s %s%n", "variant", "verdict", "per request", "expected", "culprit");
    boolean allAsExpected = true;
    for (Demo.Outcome outcome : outcomes.values()) {
      Report r = outcome.report();
      String culprit = r.verdict().sites().isEmpty() ? "-" : ReportText.line(r.verdict().sites().get(0))
          + (r.verdict().sites().size() > 1 ? " (+" + (r.verdict().sites().size() - 1) + " more)" : "");
      o.printf("  %-11s %-8s %-12s %-9s %s%n", outcome.variant().label(), r.verdict().status(),
          String.format("%.1f", r.verdict().perRequest()), outcome.asExpected() ? "yes" : "NO", culprit);
      allAsExpected &= outcome.asExpected();
      Path json = out.resolve(outcome.variant().label() + ".json");
      JsonReports.write(r, json);
      new HtmlRenderer().write(r, out.resolve(outcome.variant().label() + ".html"));
    }
    o.println();
    Demo.Outcome leaky = outcomes.get(Variant.LEAKY);
    if (leaky != null) {
      o.println("The leak, as the probe sees it:");
      o.print(new dev.leakgate.reports.render.ConsoleRenderer().render(leaky.report()));
      o.println("HTML report: " + out.resolve("leaky.html").toAbsolutePath());
    }
    o.println("Reports (JSON and HTML per variant): " + out.toAbsolutePath());
    o.flush();
    return allAsExpected ? 0 : 1;
  }
}
