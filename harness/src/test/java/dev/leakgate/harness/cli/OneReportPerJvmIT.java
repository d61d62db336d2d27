package dev.leakgate.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Test JVMs sharing one agent option ({@code report=DIR/r-%p.json}) leave one report each, and the gate reads them all. */
class OneReportPerJvmIT {
  @TempDir Path dir;

  /** Builds one span processor; leaves it running with {@code leaky}, shuts it down with {@code clean}. */
  public static final class Sample {
    private Sample() {}

    public static void main(String[] args) {
      io.opentelemetry.sdk.trace.export.BatchSpanProcessor processor =
          io.opentelemetry.sdk.trace.export.BatchSpanProcessor.builder(new dev.leakgate.harness.service.DiscardingSpanExporter()).build();
      if (args[0].equals("clean")) {
        processor.shutdown().join(5, TimeUnit.SECONDS);
      }
      System.out.println("ran " + args[0]);
    }
  }

  @Test
  void aLeakyJvmThenACleanOneLeaveTwoReportsAndTheGateOnTheFolderFails() throws Exception {
    long leaky = runWithAgent("leaky");
    long clean = runWithAgent("clean");

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactlyInAnyOrder("r-" + leaky + ".json", "r-" + clean + ".json");
    }
    StringWriter out = new StringWriter();
    CommandLine cli = LeakGateCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int exit = cli.execute("gate", dir.toString(), "--max-live", "0");

    assertThat(exit).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("gate: FAILED");
  }

  private long runWithAgent(String variant) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + System.getProperty("leakgate.agent.jar") + "=log=quiet,report=" + dir + "/r-%p.json",
        "-cp", System.getProperty("java.class.path"), Sample.class.getName(), variant)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output.lines()).as(output).isEqualTo(List.of("ran " + variant));
    return p.pid();
  }
}
