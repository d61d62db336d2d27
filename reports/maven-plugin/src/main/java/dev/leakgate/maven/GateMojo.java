package dev.leakgate.maven;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.gate.GateFailure;
import dev.leakgate.reports.cli.GateOptions;
import dev.leakgate.reports.gate.GatePolicy;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.cli.GateRun;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.render.ReportText;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Merges the reports every test JVM wrote into {@code reportFolder} (Surefire and Failsafe, any
 * {@code forkCount}), prints the console summary, writes {@code leakgate.html}, {@code
 * leakgate.sarif} and {@code TEST-leakgate.xml} beside them, and fails the build naming the
 * culprit line when the gate fails — the same rules as {@code leakgate gate}. A module without
 * tests (a {@code pom} parent, no test sources) and without reports is skipped.
 */
@Mojo(name = "gate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class GateMojo extends AbstractMojo {

  /** The HTML report's name in the report folder. */
  static final String HTML = "leakgate.html";

  /** The SARIF file's name: not {@code .json}, so a later gate does not take it for a report. */
  static final String SARIF = "leakgate.sarif";

  /** The JUnit XML file's name (CI test-report globs look for {@code TEST-*.xml}). */
  static final String JUNIT = "TEST-leakgate.xml";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The folder prepare-agent gave the test JVMs. */
  @Parameter(property = "leakgate.reportFolder", defaultValue = "${project.build.directory}/leakgate")
  private File reportFolder;

  /** Statuses that fail the gate, comma-separated: LEAK, BOUNDED, CHURN, CLEAN, or none (reports with a verdict). */
  @Parameter(property = "leakgate.failOn", defaultValue = "LEAK")
  private String failOn;

  /**
   * Most live components allowed, {@code N} (each kind that owns threads: processors, pools, timers,
   * HTTP clients, threads) or {@code KIND=N},
   * comma-separated; the only rule for the agent's exit reports. Default 0: a test run should leave
   * nothing running (an empty value means no limit).
   */
  @Parameter(property = "leakgate.maxLive", defaultValue = "0")
  private String maxLive;

  /** Most live components per request any kind may add (reports with a verdict). Unset: no limit. */
  @Parameter(property = "leakgate.maxPerRequest")
  private Double maxPerRequest;

  /** An earlier report: only new culprit sites and higher rates fail. */
  @Parameter(property = "leakgate.baseline")
  private File baseline;

  /** Where SARIF looks for the culprits' source files. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true)
  private File sourceRoot;

  /** Skips the goal. */
  @Parameter(property = "leakgate.skip", defaultValue = "false")
  private boolean skip;

  /** Creates the goal; Maven injects the parameters. */
  public GateMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("LeakGate: gate skipped (leakgate.skip)");
      return;
    }
    GatePolicy policy = policy();
    Path folder = reportFolder.toPath();
    if (!Files.isDirectory(folder) && runsNoTests()) {
      // a parent or aggregator pom, or a module without tests, in a build that sets the plugin for all
      getLog().info("LeakGate: gate skipped, " + project.getArtifactId() + " has no tests to gate");
      return;
    }
    requireReports(folder);
    GateRun run;
    try {
      run = GateRun.read(List.of(folder), baseline == null ? null : baseline.toPath());
    } catch (ReportFormatException e) {
      throw new MojoFailureException("LeakGate: cannot read a report: " + ReportText.line(e.getMessage()));
    }
    GateResult result = run.check(policy);
    run.table().lines().forEach(line -> getLog().info(line));
    writeOutputs(run, policy, folder);
    for (String line : run.verdictLines(result)) {
      if (result.passed()) {
        getLog().info(line);
      } else if (line.startsWith("note: ")) {
        getLog().warn(line);
      } else {
        getLog().error(line);
      }
    }
    if (!result.passed()) {
      throw new MojoFailureException(failureMessage(result, folder));
    }
  }

  private GatePolicy policy() throws MojoExecutionException {
    try {
      GatePolicy defaults = GatePolicy.defaults();
      List<GateOptions.MaxLive> limits = new ArrayList<>();
      if (maxLive != null && !maxLive.isBlank()) {
        for (String limit : maxLive.split(",")) {
          limits.add(GateOptions.parseMaxLive(limit));
        }
      }
      return new GatePolicy(
          statuses(failOn),
          maxPerRequest,
          GateOptions.limits(limits),
          defaults.absoluteTolerance(),
          defaults.relativeTolerance());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("LeakGate: bad gate parameter: " + e.getMessage());
    }
  }

  private boolean runsNoTests() {
    if ("pom".equals(project.getPackaging())) {
      return true;
    }
    return project.getTestCompileSourceRoots().stream().noneMatch(root -> Files.isDirectory(Path.of(root)));
  }

  private static Set<Status> statuses(String text) {
    Set<Status> statuses = EnumSet.noneOf(Status.class);
    if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none")) {
      return statuses;
    }
    for (String status : text.split(",")) {
      statuses.add(Status.parse(status));
    }
    return statuses;
  }

  private static void requireReports(Path folder) throws MojoFailureException {
    boolean any = false;
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> reports = Files.newDirectoryStream(folder, "*.json")) {
        any = reports.iterator().hasNext();
      } catch (IOException e) {
        throw new MojoFailureException("LeakGate: cannot list " + folder + ": " + e);
      }
    }
    if (!any) {
      throw new MojoFailureException(
          "LeakGate: no report in " + folder + ": prepare-agent did not run before the tests, or no test "
              + "JVM wrote a report (tests skipped, or an argLine that drops ${argLine}). Fix: run the "
              + "plugin's prepare-agent goal (it sets argLine), and if you configure Surefire's or "
              + "Failsafe's argLine yourself, start it with @{argLine}; when tests are skipped on "
              + "purpose, skip the gate too with -Dleakgate.skip");
    }
  }

  private void writeOutputs(GateRun run, GatePolicy policy, Path folder) throws MojoExecutionException {
    Path target = folder.resolve(HTML);
    try {
      run.writeHtml(target);
      target = folder.resolve(SARIF);
      run.writeSarif(target, sourceRoot.toPath());
      target = folder.resolve(JUNIT);
      run.writeJUnit(target, policy);
    } catch (IOException | UncheckedIOException e) {
      throw new MojoExecutionException("LeakGate: cannot write " + target + ": " + e.getMessage(), e);
    }
    getLog().info("LeakGate: wrote " + folder.resolve(HTML) + ", " + SARIF + " and " + JUNIT);
  }

  /** One line per failure, each naming its first culprit line; the build log has them all. */
  private static String failureMessage(GateResult result, Path folder) {
    StringBuilder message = new StringBuilder("LeakGate: the gate failed (");
    message.append(result.failures().size())
        .append(result.failures().size() == 1 ? " failure" : " failures")
        .append(")");
    for (GateFailure failure : result.failures()) {
      message.append(System.lineSeparator()).append("  ").append(failure.type()).append(": ")
          .append(ReportText.line(failure.message()));
      if (!failure.culprits().isEmpty()) {
        message.append(", created at ").append(ReportText.line(failure.culprits().get(0).site()));
        int more = failure.culprits().size() - 1;
        if (more > 0) {
          message.append(String.format(Locale.ROOT, " (+%d more)", more));
        }
      }
    }
    message.append(System.lineSeparator()).append("  ").append(Gate.hint(result.failures()))
        .append("; see ").append(folder.resolve(HTML));
    return message.toString();
  }
}
