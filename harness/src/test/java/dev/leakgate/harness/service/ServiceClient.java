package dev.leakgate.harness.service;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A real HTTP client for a running {@link CreateAgentService}, with the waits the tests need. */
final class ServiceClient {
  /** createAgent calls take milliseconds; this only bounds a broken run. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  /** A batch worker may linger up to its schedule delay (5 s by default) after shutdown. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  static final ObjectMapper JSON = new ObjectMapper();

  private final CreateAgentService service;
  // HTTP/1.1: no h2c upgrade dance, one connection per concurrent request
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  ServiceClient(CreateAgentService service) {
    this.service = service;
  }

  /** POSTs a JSON body to /create_agent. */
  HttpResponse<String> createAgent(String json) {
    return send(request("create_agent").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** POSTs a payload with this agent id and waits until the pool has run it. */
  HttpResponse<String> createAgentAndSettle(String agentId) {
    HttpResponse<String> response = createAgent(payload(agentId));
    awaitIdle();
    return response;
  }

  /** Sends a POST to /create_agent without waiting for the response. */
  CompletableFuture<HttpResponse<String>> createAgentAsync(String agentId) {
    HttpRequest request = request("create_agent").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(payload(agentId))).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  static String payload(String agentId) {
    return "{\"agent\":{\"id\":\"" + agentId + "\",\"role\":\"researcher\"}}";
  }

  /** GET /threads, parsed. */
  JsonNode threads() {
    return json(send(request("threads").GET()));
  }

  /** GET /healthz, parsed; fails unless 200. */
  JsonNode health() {
    HttpResponse<String> response = send(request("healthz").GET());
    if (response.statusCode() != 200) {
      throw new AssertionError("healthz answered " + response.statusCode() + ": " + response.body());
    }
    return json(response);
  }

  /** Live BatchSpanProcessor worker threads, as GET /threads reports them. */
  int batchWorkers() {
    return threads().path("processorWorkers").path("BatchSpanProcessor").asInt();
  }

  /** Waits until every submitted createAgent task has completed. */
  void awaitIdle() {
    await("createAgent pool idle").atMost(IDLE_TIMEOUT).pollInterval(Duration.ofMillis(5)).until(service::idle);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(service.uri().resolve(path)).timeout(Duration.ofSeconds(10));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri() {
    return service.uri();
  }
}
