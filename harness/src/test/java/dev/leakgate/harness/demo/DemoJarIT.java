package dev.leakgate.harness.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, {@code java -jar harness/target/leakgate.jar demo}, in its own JVM. */
class DemoJarIT {
  @TempDir Path dir;

  @Test
  void demoFindsTheLeakNamesItsLinesAndWritesJsonAndHtmlReports() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dir.resolve("leakgate");
    Process p = new ProcessBuilder(java, "-jar", System.getProperty("leakgate.cli.jar"), "demo", "--out", out.toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("Threads in this JVM after each of the first three calls")
        .containsPattern("leaky\\s+\\d+ \\[0\\]\\s+\\+\\d+ \\[\\+4\\]\\s+\\+\\d+ \\[\\+4\\]\\s+\\+\\d+ \\[\\+4\\]")
        // the brackets count the processors' workers only: the fixed service's pool warming up is not one
        .containsPattern("fixed\\s+\\d+ \\[\\d+\\]\\s+\\+\\d+ \\[\\+0\\]\\s+\\+\\d+ \\[\\+0\\]\\s+\\+\\d+ \\[\\+0\\]")
        .containsPattern("leaky\\s+LEAK\\s+4\\.0\\s+yes\\s+dev\\.leakgate\\.harness\\.service\\.")
        .containsPattern("fixed\\s+CLEAN\\s+0\\.0\\s+yes")
        .containsPattern("churn\\s+CHURN\\s+\\S+\\s+yes")
        .containsPattern("per-thread\\s+BOUNDED\\s+\\S+\\s+yes")
        .containsPattern("racy\\s+(BOUNDED|CLEAN)\\s+\\S+\\s+yes")
        .doesNotContain("Received payload of");
    for (String variant : new String[] {"leaky", "fixed", "racy", "per-thread", "churn"}) {
      assertThat(out.resolve(variant + ".json")).exists();
      assertThat(out.resolve(variant + ".html")).exists();
    }
    assertThat(new ObjectMapper().readTree(out.resolve("leaky.json").toFile()).path("verdict").path("status").asText()).isEqualTo("LEAK");
    assertThat(Files.readString(out.resolve("leaky.html"))).contains("<svg");
  }
}
