package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.LeakFiveTidyThree;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A forked JVM with -javaagent:...=report=PATH writes the report at exit; on the old and the current SDK. */
class ReportAtExitIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "SDK {0}")
  @ValueSource(strings = {"leakgate.otel.old", "leakgate.otel.current"})
  void reportNamesTheLeakingLineWithFiveLiveAndCountsThreeShutDown(String sdkProperty) throws Exception {
    Path report = dir.resolve("nested/folder/leaks.json");
    ForkedJvm.Result result = new ForkedJvm()
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty(sdkProperty)))
        .agent("report=" + report)
        .run(LeakFiveTidyThree.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("ran");
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    assertThat(json.path("schema").asText()).isEqualTo("leakgate.report/1");
    JsonNode bsp = json.path("components").path("BatchSpanProcessor");
    assertThat(bsp.path("created").asLong()).isEqualTo(8);
    assertThat(bsp.path("shutdown").asLong()).isEqualTo(3);
    assertThat(bsp.path("live").asLong()).isEqualTo(5);
    assertThat(bsp.path("liveThreads").asLong()).isGreaterThanOrEqualTo(5);

    int leakLine = SourceLines.lineOf(LeakFiveTidyThree.class, "LEAK-LINE");
    JsonNode first = json.path("sites").get(0);
    assertThat(first.path("site").asText())
        .isEqualTo(LeakFiveTidyThree.class.getName() + ".leak(LeakFiveTidyThree.java:" + leakLine + ")");
    assertThat(first.path("live").asLong()).isEqualTo(5);
    assertThat(first.path("line").asInt()).isEqualTo(leakLine);
    assertThat(first.path("stack").get(1).asText()).contains(".main(LeakFiveTidyThree.java:");

    int tidyLine = SourceLines.lineOf(LeakFiveTidyThree.class, "TIDY-LINE");
    JsonNode second = json.path("sites").get(1);
    assertThat(second.path("line").asInt()).isEqualTo(tidyLine);
    assertThat(second.path("created").asLong()).isEqualTo(3);
    assertThat(second.path("shutdown").asLong()).isEqualTo(3);
    assertThat(second.path("live").asLong()).isZero();
  }
}
