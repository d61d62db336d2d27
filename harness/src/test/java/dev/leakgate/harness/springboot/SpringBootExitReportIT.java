package dev.leakgate.harness.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot 3.5 fat jar whose singleton SDK Spring closes in its shutdown hook (after another
 * bean took 200 ms to stop): the agent's exit report, written after the application's hooks, says
 * live 0. The sample project (src/test/resources/spring-boot-sample) is built here with Maven.
 */
class SpringBootExitReportIT {
  private static final int RUNS = 3;

  @TempDir Path dir;

  @Test
  void aSingletonSdkClosedBySpringAtExitIsReportedLiveZero() throws Exception {
    Path project = copySample(dir.resolve("project"));
    Path jar = build(project);
    Path reports = dir.resolve("reports");

    for (int i = 0; i < RUNS; i++) {
      Process app = new ProcessBuilder(java(),
          "-javaagent:" + System.getProperty("leakgate.agent.jar") + "=log=quiet,report=" + reports + "/", "-jar", jar.toString())
          .redirectErrorStream(true).start();
      String out = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(app.exitValue()).as(out).isZero();
      assertThat(out).contains("started");
    }

    List<Path> files;
    try (Stream<Path> listed = Files.list(reports)) {
      files = listed.toList();
    }
    assertThat(files).hasSize(RUNS);
    for (Path file : files) {
      JsonNode components = new ObjectMapper().readTree(Files.readString(file)).path("components");
      assertThat(components.path("OpenTelemetrySdk").path("created").asLong()).as(file.toString()).isEqualTo(1);
      assertThat(components.path("BatchSpanProcessor").path("created").asLong()).as(file.toString()).isEqualTo(1);
      for (Map.Entry<String, JsonNode> kind : iterable(components)) {
        assertThat(kind.getValue().path("live").asLong()).as(file + " " + kind.getKey()).isZero();
      }
    }
  }

  private static Path copySample(Path target) throws Exception {
    Path sample = Path.of("src/test/resources/spring-boot-sample");
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(sample)) {
      paths = walk.filter(Files::isRegularFile).toList();
    }
    for (Path source : paths) {
      Path copy = target.resolve(sample.relativize(source).toString());
      Files.createDirectories(copy.getParent());
      Files.copy(source, copy);
    }
    return target;
  }

  /** {@code mvn package} with the Maven and local repository of the build running this test. */
  private static Path build(Path project) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("leakgate.mvn"), "-B", "-q", "package", "-DskipTests"));
    String repo = System.getProperty("leakgate.maven.repo");
    if (repo != null && !repo.isEmpty()) {
      cmd.add("-Dmaven.repo.local=" + repo);
    }
    Process mvn = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).start();
    String out = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(mvn.waitFor(300, TimeUnit.SECONDS)).as("mvn package within 5 minutes").isTrue();
    assertThat(mvn.exitValue()).as(out).isZero();
    return project.resolve("target/telemetry-singleton.jar");
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    fields.addAll(object.properties());
    return fields;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
