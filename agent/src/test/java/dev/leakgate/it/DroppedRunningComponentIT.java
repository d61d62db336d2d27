package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.DropsRunningProcessors;
import dev.leakgate.it.samples.RegistryDump;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component dropped without shutdown while its worker runs is still a leak: once its instance is
 * collected, its row stays in the snapshot and the exit report with its running thread (issue 9 saw
 * "live 11, liveThreads 1" while eleven workers ran).
 */
class DroppedRunningComponentIT {
  @TempDir Path dir;

  @Test
  void elevenCollectedProcessorsWhoseWorkersRunKeepTheirRowsAndThreads() throws Exception {
    Path report = dir.resolve("exit.json");
    ForkedJvm.Result result = new ForkedJvm()
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current")))
        .agent("log=quiet,report=" + report)
        .run(DropsRunningProcessors.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("collected 11", "workers running 11", "failures 0");
    String site = DropsRunningProcessors.class.getName() + ".main(DropsRunningProcessors.java:"
        + SourceLines.lineOf(DropsRunningProcessors.class, "DROPPED-LINE") + ")";

    // the snapshot taken after the eleven instances were collected
    assertElevenLiveWithElevenThreads(new ObjectMapper().readTree(RegistryDump.in(result.out())), site);
    // and the report written at exit, the workers still running
    assertElevenLiveWithElevenThreads(new ObjectMapper().readTree(Files.readString(report)), site);
  }

  private static void assertElevenLiveWithElevenThreads(JsonNode json, String site) {
    JsonNode bsp = json.path("components").path("BatchSpanProcessor");
    assertThat(bsp.path("created").asLong()).isEqualTo(11);
    assertThat(bsp.path("live").asLong()).isEqualTo(11);
    assertThat(bsp.path("liveThreads").asLong()).as("running workers of collected processors").isEqualTo(11);

    JsonNode first = json.path("sites").get(0);
    assertThat(first.path("site").asText()).isEqualTo(site);
    assertThat(first.path("live").asLong()).isEqualTo(11);
    assertThat(first.path("liveThreads").asLong()).isEqualTo(11);

    int rows = 0;
    for (JsonNode inst : json.path("instances")) {
      if (inst.path("site").asText().equals(site)) {
        rows++;
        assertThat(inst.path("shutdown").asBoolean()).isFalse();
        assertThat(inst.path("threads")).singleElement().satisfies(t -> {
          assertThat(t.path("name").asText()).startsWith("BatchSpanProcessor_WorkerThread");
          assertThat(t.path("alive").asBoolean()).isTrue();
        });
      }
    }
    assertThat(rows).as("instance rows at " + site).isEqualTo(11);
  }
}
