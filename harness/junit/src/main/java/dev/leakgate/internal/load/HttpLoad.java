package dev.leakgate.internal.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends one HTTP request per request with {@link HttpClient}; any non-2xx answer fails the run. */
public final class HttpLoad extends ConcurrentSender {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client;
  private final HttpRequest request;
  private final String description;

  private HttpLoad(Builder b) {
    super(b.concurrency, "leakgate-http");
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    HttpRequest.Builder r = HttpRequest.newBuilder(b.uri).timeout(Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS));
    b.headers.forEach(r::header);
    if (b.body != null && !b.headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"))) {
      r.header("Content-Type", "application/json");
    }
    r.method(b.method, b.body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(b.body, StandardCharsets.UTF_8));
    this.request = r.build();
    this.description = b.method + " " + b.uri;
  }

  /** A builder for requests to {@code uri}. */
  public static Builder to(URI uri) {
    return new Builder(uri);
  }

  @Override
  void sendOne() throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new LoadException(description + ": nothing answers at " + request.uri() + " (connection refused)", e);
    } catch (IOException e) {
      throw new LoadException(description + " failed: " + e, e);
    }
    if (response.statusCode() / 100 != 2) {
      String body = response.body() == null ? "" : response.body();
      throw new LoadException(description + " answered " + response.statusCode() + ": "
          + (body.length() > 200 ? body.substring(0, 200) + "..." : body), null);
    }
  }

  @Override
  public String toString() {
    return "HttpLoad{" + description + ", concurrency=" + concurrency() + "}";
  }

  /** Settings of an HTTP load: method (POST when a body is given, else GET), body, headers, concurrency. */
  public static final class Builder {
    private final URI uri;
    private String method;
    private String body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private int concurrency = 1;

    private Builder(URI uri) {
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("'" + uri + "' is not an http(s) URL with a host");
      }
      this.uri = uri;
    }

    /** The HTTP method. */
    public Builder method(String method) {
      this.method = method.toUpperCase(java.util.Locale.ROOT);
      return this;
    }

    /** The request body (JSON unless a Content-Type header says otherwise). */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** Adds a header. */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Requests in flight at most. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** The driver. */
    public HttpLoad build() {
      if (method == null) {
        method = body == null ? "GET" : "POST";
      }
      return new HttpLoad(this);
    }
  }
}
