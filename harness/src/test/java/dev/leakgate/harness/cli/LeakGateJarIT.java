package dev.leakgate.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shaded {@code target/leakgate.jar}, run as a user would: a separate JVM, real signals. */
class LeakGateJarIT {
  private static final Path JAR = Path.of("target", "leakgate.jar");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
  private static final Pattern LISTENING =
      Pattern.compile("^leakgate serve: variant=leaky listening on (http://127\\.0\\.0\\.1:\\d+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void servedJarReproducesTheOriginalTableAndStopsOnSigterm() throws Exception {
    assertThat(JAR).exists();
    Process serve = java("-jar", JAR.toString(), "serve", "--variant", "leaky", "--port", "0")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      URI base = URI.create(awaitListeningLine(serve) + "/");
      List<Integer> processorWorkers = new ArrayList<>(List.of(batchWorkers(base)));

      for (int call = 1; call <= 3; call++) {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(base.resolve("create_agent")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":{\"id\":\"jar-" + call + "\"}}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        int completed = call;
        await("createAgent " + call + " done").atMost(Duration.ofSeconds(10))
            .until(() -> get(base, "healthz").path("tasksCompleted").asInt() == completed);
        processorWorkers.add(batchWorkers(base));
      }

      assertThat(processorWorkers).containsExactly(0, 4, 8, 12);
    } finally {
      serve.destroy(); // SIGTERM: the shutdown hook closes the service
    }
    assertThat(serve.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
  }

  @Test
  void unknownVariantExitsWithTwoFromTheJar() throws Exception {
    Process serve = java("-jar", JAR.toString(), "serve", "--variant", "x").start();
    String err = new String(serve.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(serve.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(serve.exitValue()).isEqualTo(2);
    assertThat(err).contains("Unknown variant 'x' (allowed: leaky, fixed, racy, per-thread, churn)");
  }

  private static ProcessBuilder java(String... args) {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    assertThat(Files.isExecutable(javaBin)).isTrue();
    List<String> command = new ArrayList<>(List.of(javaBin.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static String awaitListeningLine(Process serve) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Matcher matcher = LISTENING.matcher(String.valueOf(line));
    assertThat(matcher.matches()).as("first line: %s", line).isTrue();
    return matcher.group(1);
  }

  private int batchWorkers(URI base) throws Exception {
    return get(base, "threads").path("processorWorkers").path("BatchSpanProcessor").asInt();
  }

  private JsonNode get(URI base, String path) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }
}
