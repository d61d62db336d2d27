package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.ClosesInShutdownHook;
import dev.leakgate.it.samples.LeakFiveTidyThree;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A forked JVM with -javaagent:...=report=PATH writes the report at exit (on the old and the current
 * SDK), under a name of its own, after the application's own shutdown hooks.
 */
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

  private static ForkedJvm jvm() {
    return ForkedJvm.withTestClassesAndCurrentSdk();
  }

  @Test
  void percentPNamesTheFileAfterThePid() throws Exception {
    Process p = jvm().agent("log=quiet,report=" + dir + "/r-%p.json").start(LeakFiveTidyThree.class.getName());
    ForkedJvm.Result result = ForkedJvm.Result.of(p);

    assertThat(result.exitCode()).as(result.err()).isZero();
    Path report = dir.resolve("r-" + p.pid() + ".json");
    assertThat(new ObjectMapper().readTree(Files.readString(report)).path("source").path("pid").asLong()).isEqualTo(p.pid());
    assertThat(reportsIn(dir)).containsExactly(report);
  }

  @Test
  void anSdkClosedInAShutdownHookIsReportedShutDownByTenOfTenJvmsSharingOneFolder() throws Exception {
    Path folder = dir.resolve("reports"); // does not exist yet: the trailing / makes it a folder
    List<Process> jvms = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        jvms.add(jvm().agent("log=quiet,report=" + folder + "/").start(ClosesInShutdownHook.class.getName()));
      }
      for (Process p : jvms) {
        ForkedJvm.Result result = ForkedJvm.Result.of(p);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.errLines()).isEmpty();
      }
    } finally {
      jvms.forEach(Process::destroyForcibly);
    }

    List<Path> reports = reportsIn(folder);
    assertThat(reports).hasSize(10);
    try (Stream<Path> all = Files.list(folder)) {
      assertThat(all).as("no temporary file left").hasSize(10);
    }
    for (Process p : jvms) {
      assertThat(reports).anyMatch(r -> r.getFileName().toString().startsWith("leakgate-" + p.pid() + "-"));
    }
    for (Path report : reports) {
      JsonNode bsp = new ObjectMapper().readTree(Files.readString(report)).path("components").path("BatchSpanProcessor");
      assertThat(bsp.path("created").asLong()).as(report.toString()).isEqualTo(1);
      assertThat(bsp.path("live").asLong()).as(report.toString()).isZero();
    }
  }

  @Test
  void aHookThatCallsDeleteOnExitAfterClosingTheSdkStillGetsTheReportWritten() throws Exception {
    Path report = dir.resolve("delete-on-exit.json");
    ForkedJvm.Result result = jvm().agent("log=quiet,report=" + report).run(ClosesInShutdownHook.class.getName(), "deleteOnExit");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.errLines()).isEmpty();
    JsonNode bsp = new ObjectMapper().readTree(Files.readString(report)).path("components").path("BatchSpanProcessor");
    assertThat(bsp.path("live").asLong()).isZero();
  }

  @Test
  void aHookThatHaltsTheJvmAfterClosingTheSdkStillGetsTheReportWritten() throws Exception {
    Path report = dir.resolve("halt.json");
    ForkedJvm.Result result = jvm().agent("log=quiet,report=" + report).run(ClosesInShutdownHook.class.getName(), "halt");

    assertThat(result.exitCode()).as("the hook's own halt status").isEqualTo(3);
    assertThat(result.errLines()).isEmpty();
    assertThat(report).exists();
    JsonNode bsp = new ObjectMapper().readTree(Files.readString(report)).path("components").path("BatchSpanProcessor");
    assertThat(bsp.path("created").asLong()).isEqualTo(1);
    assertThat(bsp.path("live").asLong()).as("closed by the hook before it halted").isZero();
  }

  @Test
  void aHookThatNeverEndsDelaysTheReportByTheBoundOnly() throws Exception {
    Path report = dir.resolve("hung.json");
    long started = System.nanoTime();
    Process p = jvm().agent("log=quiet,report=" + report).start(ClosesInShutdownHook.class.getName(), "hang");
    try {
      long deadline = started + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(report) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(report).as("written within 30 s although a hook hangs").exists();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("after waiting for the hooks").isGreaterThanOrEqualTo(10_000);
      JsonNode bsp = new ObjectMapper().readTree(Files.readString(report)).path("components").path("BatchSpanProcessor");
      assertThat(bsp.path("live").asLong()).isEqualTo(1);
      // the JVM is still held by its hung hook: read what stderr holds so far (the line comes before the report)
      byte[] err = p.getErrorStream().readNBytes(p.getErrorStream().available());
      assertThat(new String(err, StandardCharsets.UTF_8)).contains("leakgate: application shutdown hooks still running after 10 s; writing the report without waiting for them");
    } finally {
      p.destroyForcibly();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static List<Path> reportsIn(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }
}
