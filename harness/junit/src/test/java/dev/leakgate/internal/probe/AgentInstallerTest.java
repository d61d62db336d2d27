package dev.leakgate.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentInstallerTest {

  @Test
  void findsTheAgentJarInAFolderWhoseNameHoldsPlusSpacePercentAndComma(@TempDir Path dir) throws Exception {
    File original = AgentInstaller.agentJar();
    Path folder = Files.createDirectories(dir.resolve("c++ build %2F,1"));
    Path copy = Files.copy(original.toPath(), folder.resolve("leakgate-agent.jar"));

    try (URLClassLoader loader = new URLClassLoader(new URL[] {copy.toUri().toURL()}, null)) {
      URL resource = loader.getResource("dev/leakgate/agent/AgentMain.class");
      assertThat(resource).isNotNull();

      assertThat(AgentInstaller.jarHolding(resource)).isEqualTo(copy.toFile()).isFile();
    }
  }

  @Test
  void aResourceOutsideAJarFileHasNoAgentJar() throws Exception {
    assertThat(AgentInstaller.jarHolding(new URL("file:/tmp/classes/dev/leakgate/agent/AgentMain.class"))).isNull();
  }
}
