package dev.leakgate.harness.registry;

import dev.leakgate.internal.probe.AgentInstaller;
import dev.leakgate.internal.probe.ProbeException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarFile;

/**
 * The thin agent jar ({@code leakgate-agent.jar}) to load into another JVM. Never the CLI jar: its
 * whole class path (Jetty, Jackson, an SDK) would land on the target's. From {@code leakgate.jar},
 * which carries the agent jar as {@value #NESTED}, a copy is made in a private temporary folder
 * (owner-only, fresh name) and deleted on {@link #close()}; a JVM that loaded it keeps it open.
 */
final class TargetAgentJar implements AutoCloseable {
  /** Where leakgate.jar carries the thin agent jar (put there by the harness build). */
  static final String NESTED = "META-INF/leakgate/leakgate-agent.jar";

  private final File jar;
  private final Path privateCopyFolder;

  private TargetAgentJar(File jar, Path privateCopyFolder) {
    this.jar = jar;
    this.privateCopyFolder = privateCopyFolder;
  }

  /**
   * The agent jar on disk when there is one ({@code -Dleakgate.agent.jar}, or the agent classes' own
   * jar when it has an Agent-Class), else a private copy of the nested one.
   *
   * @throws ProbeException when there is neither
   */
  static TargetAgentJar locate() {
    File own = AgentInstaller.agentJar();
    if (isAgentJar(own)) {
      return new TargetAgentJar(own, null);
    }
    try (InputStream nested = TargetAgentJar.class.getClassLoader().getResourceAsStream(NESTED)) {
      if (nested == null) {
        throw new ProbeException(own + " has no Agent-Class and carries no " + NESTED
            + "; set -Dleakgate.agent.jar=PATH/leakgate-agent.jar");
      }
      Path folder = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? Files.createTempDirectory("leakgate-agent-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
          : Files.createTempDirectory("leakgate-agent-");
      Path copy = folder.resolve("leakgate-agent.jar");
      Files.copy(nested, copy); // fails rather than replace: the folder is new and ours
      return new TargetAgentJar(copy.toFile(), folder);
    } catch (IOException e) {
      throw new ProbeException("cannot copy the agent jar out of " + own + ": " + e.getMessage(), e);
    }
  }

  private static boolean isAgentJar(File file) {
    try (JarFile jar = new JarFile(file)) {
      return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Agent-Class") != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** The jar's absolute path, for {@code VirtualMachine.loadAgent}. */
  String path() {
    return jar.getAbsolutePath();
  }

  /** Deletes the private copy, if one was made. */
  @Override
  public void close() {
    if (privateCopyFolder == null) {
      return;
    }
    try {
      Files.deleteIfExists(jar.toPath());
      Files.deleteIfExists(privateCopyFolder);
    } catch (IOException e) {
      // a target that holds the jar open may keep it on some systems: the next temp cleanup removes it
      jar.deleteOnExit();
      privateCopyFolder.toFile().deleteOnExit();
    }
  }

  @Override
  public String toString() {
    return "TargetAgentJar{" + jar + (privateCopyFolder == null ? "" : ", private copy") + "}";
  }
}
