package dev.leakgate.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Sets a property ({@code argLine} unless {@code propertyName} says otherwise) to the user's own
 * value followed by the LeakGate agent, so every Surefire and Failsafe JVM runs it and writes its
 * own report into {@code reportFolder}. Reports of an earlier build left there are removed first,
 * so {@code gate} sees only this build's JVMs.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public final class PrepareAgentMojo extends AbstractMojo {

  /** The plugin's own artifact that holds the agent. */
  static final String AGENT_KEY = "dev.leakgate:leakgate-agent";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
  private Map<String, Artifact> pluginArtifactMap;

  /** The property to set; Surefire and Failsafe read {@code argLine}. */
  @Parameter(property = "leakgate.propertyName", defaultValue = "argLine")
  private String propertyName;

  /** Where each test JVM writes {@code leakgate-<pid>-<millis>.json}; {@code gate} reads it. */
  @Parameter(property = "leakgate.reportFolder", defaultValue = "${project.build.directory}/leakgate")
  private File reportFolder;

  /** More agent options, comma-separated (e.g. {@code sdkPackage=com.acme.shaded.io.opentelemetry.sdk}). */
  @Parameter(property = "leakgate.agentOptions")
  private String agentOptions;

  /** Skips the goal: the property is left as it is. */
  @Parameter(property = "leakgate.skip", defaultValue = "false")
  private boolean skip;

  /** Creates the goal; Maven injects the parameters. */
  public PrepareAgentMojo() {}

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("LeakGate: skipped (leakgate.skip); " + propertyName + " left as it is");
      return;
    }
    Artifact agent = pluginArtifactMap.get(AGENT_KEY);
    if (agent == null || agent.getFile() == null) {
      throw new MojoExecutionException(
          "LeakGate: the plugin's dependency " + AGENT_KEY + " was not resolved; "
              + "do not exclude it from the plugin's dependencies");
    }
    Path folder = reportFolder.toPath();
    removeEarlierReports(folder);
    String argument = AgentArgLine.agentArgument(agent.getFile().toPath(), folder, agentOptions);
    Properties properties = project.getProperties();
    // a -DargLine=... on the command line wins over the POM's value, as it would for Surefire
    String existing = session.getUserProperties().getProperty(propertyName,
        properties.getProperty(propertyName));
    String value = AgentArgLine.append(existing, argument);
    properties.setProperty(propertyName, value);
    if (session.getUserProperties().containsKey(propertyName)) {
      // a user property is read before the project's by every later goal: set it there too
      session.getUserProperties().setProperty(propertyName, value);
    }
    getLog().info("LeakGate: " + propertyName + " set to " + value);
  }

  private void removeEarlierReports(Path folder) throws MojoExecutionException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    int removed = 0;
    try (DirectoryStream<Path> reports = Files.newDirectoryStream(folder, "leakgate-*.json")) {
      for (Path report : reports) {
        Files.deleteIfExists(report);
        removed++;
      }
    } catch (IOException e) {
      throw new MojoExecutionException("LeakGate: cannot remove earlier reports in " + folder + ": " + e, e);
    }
    if (removed > 0) {
      getLog().info("LeakGate: removed " + removed + " report(s) of an earlier build from " + folder);
    }
  }
}
