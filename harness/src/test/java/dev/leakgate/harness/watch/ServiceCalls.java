package dev.leakgate.harness.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Plain HTTP calls to a service under test, and a bounded wait; loopback only. */
final class ServiceCalls {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  static final String BODY = "{\"agent\":{\"id\":\"watch-it\"}}";

  private ServiceCalls() {}

  /** One {@code POST /create_agent}; fails unless the service accepts it. */
  static void createAgent(String serviceUrl) throws IOException, InterruptedException {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/create_agent"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("POST /create_agent answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  /** The body of a {@code GET}. */
  static String get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Waits until {@code done} holds, at most {@code timeout}, polling with a growing pause; true when it held. */
  static boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 20;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 500);
    }
    return true;
  }
}
