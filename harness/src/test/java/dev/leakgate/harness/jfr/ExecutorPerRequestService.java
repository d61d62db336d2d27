package dev.leakgate.harness.jfr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service with no OpenTelemetry at all whose every request builds a thread pool and never shuts
 * it down: the kind of leak only a thread-level source such as JFR can see. JDK classes only, so it
 * also runs on a JVM whose modules are limited to leave JFR out.
 */
public final class ExecutorPerRequestService {
  private ExecutorPerRequestService() {}

  /** Serves {@code POST /work} on 127.0.0.1, on an ephemeral port it prints. */
  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/work", ExecutorPerRequestService::handle);
    server.start();
    System.out.println("executor-per-request listening on http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    ExecutorService perRequest = Executors.newFixedThreadPool(1);
    perRequest.submit(() -> Thread.yield()); // LEAKING LINE: the pool's thread starts here and is never shut down
    byte[] body = "{\"message\":\"success\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
