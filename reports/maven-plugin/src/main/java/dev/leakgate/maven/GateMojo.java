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
import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Merges the reports every test JVM wrote into {@code reportFolder} (Surefire and Failsafe, any
 * {@code forkCount}), prints the console summary, writes {@code leakgate.html}, {@code
 * leakgate.sarif} and {@code TEST-leakgate.xml} beside them, and fails the build naming the
 * culprit line when the gate fails — the same rules as {@code leakgate gate}. A module where no test
 * ran in this build (a {@code pom} parent, test fixtures without tests) and without reports is skipped.
 */
@Mojo(name = "gate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class GateMojo extends AbstractMojo {

  /** The HTML report's name in the report folder. */
  static final String HTML = "leakgate.html";

  /** The SARIF file's name: not {@code .json}, so a later gate does not take it for a report. */
  static final String SARIF = "leakgate.sarif";

  /** Where Surefire and Failsafe write their results, under the build directory. */
  private static final List<String> TEST_RESULT_FOLDERS = List.of("surefire-reports", "failsafe-reports");

  /** File times may lag the build's start clock by this much (coarse file-system timestamps). */
  private static final long CLOCK_SLACK_MILLIS = 2_000;

  /** The gate's settings as this plugin's parameters, for its messages. */
  static final Gate.SettingNames PARAMETER_NAMES = new Gate.SettingNames("failOn", "maxPerRequest", "maxLive");

  /** The JUnit XML file's name (CI test-report globs look for {@code TEST-*.xml}). */
  static final String JUNIT = "TEST-leakgate.xml";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

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
    if (!hasReports(folder)) {
      String noTests = whyNoTestsRan();
      if (noTests != null) {
        // a parent or aggregator pom, a module without tests (test fixtures only), in a build that sets the plugin for all
        getLog().info("LeakGate: gate skipped, " + project.getArtifactId() + " " + noTests);
        return;
      }
      throw new MojoFailureException(noReportMessage(folder));
    }
    GateRun run;
    try {
      run = GateRun.read(List.of(folder), baseline == null ? null : baseline.toPath());
    } catch (ReportFormatException e) {
      throw new MojoFailureException("LeakGate: cannot read a report: " + ReportText.line(e.getMessage()));
    }
    Gate gate = new Gate(policy, PARAMETER_NAMES);
    GateResult result = run.check(gate);
    // the gate's result leads; the table and sites it was decided on follow
    for (String line : run.verdictLines(result)) {
      if (result.passed()) {
        getLog().info(line);
      } else if (line.startsWith("note: ")) {
        getLog().warn(line);
      } else {
        getLog().error(line);
      }
    }
    run.table().lines().forEach(line -> getLog().info(line));
    writeOutputs(run, gate, result, folder);
    if (!result.passed()) {
      throw new MojoFailureException(failureMessage(result, folder));
    }
  }

  /** The policy of the parameters; a bad value fails with one line naming the parameter. */
  private GatePolicy policy() throws MojoExecutionException {
    GatePolicy defaults = GatePolicy.defaults();
    Set<Status> statuses = parameter("failOn", failOn, () -> statuses(failOn));
    List<GateOptions.MaxLive> limits = parameter("maxLive", maxLive, () -> {
      List<GateOptions.MaxLive> parsed = new ArrayList<>();
      if (maxLive != null && !maxLive.isBlank()) {
        for (String limit : maxLive.split(",")) {
          parsed.add(GateOptions.parseMaxLive(limit));
        }
      }
      return parsed;
    });
    return parameter("maxPerRequest", maxPerRequest, () -> new GatePolicy(
        statuses,
        maxPerRequest,
        GateOptions.limits(limits),
        defaults.absoluteTolerance(),
        defaults.relativeTolerance()));
  }

  /** Reads one parameter; an {@link IllegalArgumentException} becomes a message naming it and its user property. */
  private static <T> T parameter(String name, Object value, Supplier<T> read) throws MojoExecutionException {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("LeakGate: bad " + name + " (-Dleakgate." + name + ") \"" + value + "\": "
          + e.getMessage());
    }
  }

  /**
   * Why no test ran in this module in this build, or null when tests ran or were skipped on purpose
   * (then a missing report is an error): decided from what Surefire and Failsafe wrote, not from the
   * test folder, since a folder of test fixtures holds no test.
   */
  private String whyNoTestsRan() throws MojoFailureException {
    if ("pom".equals(project.getPackaging())) {
      return "has no tests to gate";
    }
    if (!testResultsOfThisBuild().isEmpty() || testsSkippedOnPurpose()) {
      return null;
    }
    return "ran no test in this build (no Surefire or Failsafe results in "
        + Path.of(project.getBuild().getDirectory()).getFileName() + "/): nothing to gate";
  }

  /** The Surefire and Failsafe result files written since this build started. */
  private List<Path> testResultsOfThisBuild() throws MojoFailureException {
    long started = session.getRequest().getStartTime().getTime();
    List<Path> results = new ArrayList<>();
    for (String folder : TEST_RESULT_FOLDERS) {
      Path dir = Path.of(project.getBuild().getDirectory(), folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "TEST-*.xml")) {
        for (Path file : files) {
          if (Files.getLastModifiedTime(file).toMillis() >= started - CLOCK_SLACK_MILLIS) {
            results.add(file);
          }
        }
      } catch (IOException e) {
        throw new MojoFailureException("LeakGate: cannot list " + dir + ": " + e);
      }
    }
    return results;
  }

  /** Whether {@code skipTests} or {@code maven.test.skip} is set, or Surefire/Failsafe is told to skip. */
  private boolean testsSkippedOnPurpose() {
    for (String property : List.of("skipTests", "maven.test.skip")) {
      String value = session.getUserProperties().getProperty(property, project.getProperties().getProperty(property));
      if (value != null && (value.isBlank() || Boolean.parseBoolean(value.trim()))) {
        return true;
      }
    }
    for (String plugin : List.of("org.apache.maven.plugins:maven-surefire-plugin", "org.apache.maven.plugins:maven-failsafe-plugin")) {
      Plugin declared = project.getBuild().getPluginsAsMap().get(plugin);
      if (declared != null && declared.getConfiguration() instanceof Xpp3Dom configuration) {
        for (String setting : List.of("skip", "skipTests", "skipExec")) {
          Xpp3Dom child = configuration.getChild(setting);
          if (child != null && Boolean.parseBoolean(String.valueOf(child.getValue()).trim())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Set<Status> statuses(String text) {
    return text == null || text.isBlank() ? EnumSet.noneOf(Status.class) : Status.parseList(text);
  }


  private static boolean hasReports(Path folder) throws MojoFailureException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (DirectoryStream<Path> reports = Files.newDirectoryStream(folder, "*.json")) {
      return reports.iterator().hasNext();
    } catch (IOException e) {
      throw new MojoFailureException("LeakGate: cannot list " + folder + ": " + e);
    }
  }

  /** Tests ran, or were skipped on purpose, and no test JVM wrote a report: say which and how to fix it. */
  private String noReportMessage(Path folder) throws MojoFailureException {
    int results = testResultsOfThisBuild().size();
    String why = results > 0
        ? "tests ran in this build (" + results + " Surefire/Failsafe result file" + (results == 1 ? "" : "s")
            + ") but no test JVM wrote a report: an argLine that drops ${argLine}, or forkCount=0 (tests in "
            + "Maven's own JVM, where no agent runs). Fix: if you configure Surefire's or Failsafe's argLine "
            + "yourself, start it with @{argLine}, and keep forkCount at 1 or more"
        : "tests are skipped (skipTests or maven.test.skip), so no test JVM wrote a report, or prepare-agent "
            + "did not run before the tests. Fix: when tests are skipped on purpose, skip the gate too with "
            + "-Dleakgate.skip; otherwise run the plugin's prepare-agent goal (it sets argLine), and if you "
            + "configure Surefire's or Failsafe's argLine yourself, start it with @{argLine}";
    return "LeakGate: no report in " + folder + ": " + why;
  }

  private void writeOutputs(GateRun run, Gate gate, GateResult result, Path folder) throws MojoExecutionException {
    Path target = folder.resolve(HTML);
    try {
      run.writeHtml(target, result);
      target = folder.resolve(SARIF);
      run.writeSarif(target, sourceRoot.toPath(), result);
      target = folder.resolve(JUNIT);
      run.writeJUnit(target, gate);
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
