package dev.leakgate.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends {@code POST /create_agent} to the reference service over loopback HTTP/1.1. */
final class CreateAgentClient {
  private static final String BODY = "{\"agent\":{\"id\":\"benchmark\"}}";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

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

  /** One request; returns the response body length, and throws unless the answer is 200. */
  int createAgent() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("POST /create_agent answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().length();
  }
}
