package dev.leakgate.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Sends {@code POST /create_agent} to the reference service over loopback HTTP/1.1. */
final class CreateAgentClient {
  private static final String BODY = "{\"agent\":{\"id\":\"benchmark\"}}";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int BUSY = 503;
  // the pool frees a slot within a createAgent call (milliseconds)
  private static final long FIRST_BACKOFF_NANOS = Duration.ofMillis(1).toNanos();
  private static final long MAX_BACKOFF_NANOS = Duration.ofMillis(50).toNanos();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final HttpRequest request;

  CreateAgentClient(URI base) {
    request = HttpRequest.newBuilder(base.resolve("create_agent"))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY))
        .build();
  }

  /**
   * One accepted request; returns the response body length. A 503 means the service's queue is full
   * (its pool is behind the clients): the request is sent again after a growing pause, as
   * back-pressure asks, for up to {@link #TIMEOUT}. Any other answer but 200 throws.
   */
  int createAgent() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long pause = FIRST_BACKOFF_NANOS;
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    while (response.statusCode() == BUSY && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_BACKOFF_NANOS);
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    }
    if (response.statusCode() != 200) {
      throw new IOException("POST /create_agent answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().length();
  }
}
