package dev.leakgate.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The leakgate command line, run in-process with captured output (never System.exit). */
class LeakGateCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine cli() {
    CommandLine cli = LeakGateCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  @Test
  void serveHelpDocumentsEveryOptionWithItsDefault() {
    int exit = cli().execute("serve", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("--variant=VARIANT", "leaky, fixed, racy, per-thread, churn", "Default: leaky")
        .contains("--host=HOST", "Default: 127.0.0.1")
        .contains("--port=PORT", "Default: 8000", "0 picks a free port")
        .contains("--pool-size=N", "Default: 4")
        .contains("--queue-capacity=N", "answers 503", "Default: 256")
        .contains("--help", "--version");
  }

  @Test
  void topLevelHelpListsTheSubcommands() {
    int exit = cli().execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: leakgate", "serve", "status");
  }

  @Test
  void statusHelpDocumentsEveryOptionAndTheExitCodes() {
    int exit = cli().execute("status", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("--pid=PID", "--jmx=URL", "--alarm=RULES", "KIND>N", "live>N", "--timeout=S", "default: 30")
        .contains("sends it no requests", "Exit codes: 0 no --alarm rule over, 1 a --alarm rule over, 2 usage or connection error");
  }

  @Test
  void unknownVariantExitsWithTwoAndListsTheVariants() {
    int exit = cli().execute("serve", "--variant", "x");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("Unknown variant 'x' (allowed: leaky, fixed, racy, per-thread, churn)")
        .contains("leakgate serve --help");
  }

  @Test
  void impossiblePortOrPoolSizeExitsWithTwo() {
    assertThat(cli().execute("serve", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("port must be between 0 and 65535");
    assertThat(cli().execute("serve", "--pool-size", "0")).isEqualTo(2);
    assertThat(cli().execute("serve", "--queue-capacity", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("queue capacity must be at least 1, was 0");
    assertThat(cli().execute("serve", "--port", "eighty")).isEqualTo(2);
  }

  @Test
  void anUnreadableBodyFileNamesThePathOnceAndWhy(@TempDir Path dir) {
    Path missing = dir.resolve("body.json");
    int exit = cli().execute("probe", "--jmx", "service:jmx:rmi:///jndi/rmi://127.0.0.1:9/jmxrmi",
        "--url", "http://127.0.0.1:9/create_agent", "--body-file", missing.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("leakgate probe: cannot read --body-file " + missing + ": no such file\n");
  }

  /** Every word of every description, as the help of each command shows it at 80 columns: never split. */
  @Test
  void helpNeverSplitsAFlagAUrlOrAnyOtherWordAcrossLines() {
    CommandLine root = cli();
    List<CommandLine> commands = new java.util.ArrayList<>(List.of(root));
    commands.addAll(root.getSubcommands().values());
    List<String> split = new java.util.ArrayList<>();
    for (CommandLine command : commands) {
      String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      // a synopsis group such as [--max-live=[KIND=]N]... stays on one line
      help.lines().map(String::stripTrailing).filter(line -> line.endsWith("=") || line.endsWith("["))
          .forEach(line -> split.add(command.getCommandName() + ": " + line));
      java.util.Set<String> onOneLine = new java.util.HashSet<>();
      help.lines().forEach(line -> onOneLine.addAll(List.of(line.trim().split("\\s+"))));
      List<String> words = new java.util.ArrayList<>(List.of(command.getCommandSpec().usageMessage().description()));
      command.getCommandSpec().options().forEach(option -> words.addAll(List.of(option.description())));
      for (String text : words) {
        for (String word : text.split("\\s+")) {
          if (!word.isEmpty() && !word.contains("${") && !word.contains("%") && !onOneLine.contains(word)) {
            split.add(command.getCommandName() + ": " + word);
          }
        }
      }
    }
    assertThat(split).as("words split across lines in --help").isEmpty();
  }

  @Test
  void missingSubcommandExitsWithTwo() {
    assertThat(cli().execute()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
  }

  @Test
  void serveListensOnAFreePortPrintsItAndStopsCleanly() throws Exception {
    CommandLine cli = cli();
    ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> cli.execute("serve", "--variant", "fixed", "--port", "0"));
    try {
      await("serve prints its address").atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("\n"));
      Matcher line = Pattern.compile("^leakgate serve: variant=fixed listening on (http://127\\.0\\.0\\.1:\\d+)$",
          Pattern.MULTILINE).matcher(out.toString());
      assertThat(line.find()).as("printed line: %s", out).isTrue();

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(line.group(1) + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"variant\":\"fixed\"");
    } finally {
      serve.stop();
    }
    assertThat(exit.get()).isZero();
  }
}
