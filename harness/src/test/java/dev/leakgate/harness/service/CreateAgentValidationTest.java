package dev.leakgate.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets the right status, submits nothing, and leaves the service healthy. */
class CreateAgentValidationTest {
  private static final int TWO_MIB = 2 * 1024 * 1024;

  private CreateAgentService service;
  private ServiceClient client;

  @BeforeEach
  void start() {
    service = CreateAgentService.builder().variant(Variant.FIXED).start();
    client = new ServiceClient(service);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void invalidJsonIsRejectedWith400() {
    HttpResponse<String> response = client.createAgent("{\"agent\": {\"id\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":\"Invalid JSON format\"}");
    assertNothingSubmittedAndStillHealthy(1);
  }

  @Test
  void trailingGarbageAfterTheDocumentIsInvalidJson() {
    HttpResponse<String> response = client.createAgent("{\"agent\":{\"id\":\"a\"}} trailing");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":\"Invalid JSON format\"}");
    assertNothingSubmittedAndStillHealthy(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n"})
  void emptyBodyIsRejectedWith400(String body) {
    HttpResponse<String> response = client.createAgent(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ServiceClient.json(response).path("error").asText()).isEqualTo("Empty body");
    assertNothingSubmittedAndStillHealthy(1);
  }

  @Test
  void bodyOverOneMebibyteIsRejectedWith413() {
    HttpResponse<String> response = client.createAgent(jsonOfExactly(TWO_MIB));

    assertThat(response.statusCode()).isEqualTo(413);
    assertNothingSubmittedAndStillHealthy(1);
  }

  @Test
  void streamedBodyOverOneMebibyteIsRejectedWith413() {
    // no Content-Length: the limit must hold while reading, not only on the declared length
    byte[] body = jsonOfExactly(TWO_MIB).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = client.send(client.request("create_agent")
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertNothingSubmittedAndStillHealthy(1);
  }

  @Test
  void bodyOfExactlyOneMebibyteIsAccepted() {
    HttpResponse<String> response = client.createAgent(jsonOfExactly(CreateAgentService.MAX_BODY_BYTES));

    assertThat(response.statusCode()).isEqualTo(200);
    client.awaitIdle();
    assertThat(service.tasksSubmitted()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
  void otherMethodsAreRejectedWith405(String method) {
    HttpResponse<String> response = client.send(client.request("create_agent")
        .header("Content-Type", "application/json")
        .method(method, BodyPublishers.ofString(ServiceClient.payload("x"))));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertNothingSubmittedAndStillHealthy(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
  void nonJsonContentTypeIsRejectedWith415(String contentType) {
    HttpResponse<String> response = client.send(client.request("create_agent")
        .header("Content-Type", contentType)
        .POST(BodyPublishers.ofString(ServiceClient.payload("x"))));

    assertThat(response.statusCode()).isEqualTo(415);
    assertNothingSubmittedAndStillHealthy(1);
  }

  @Test
  void checksRunInOrderMethodContentTypeSizeEmptinessSyntax() {
    // bodies over the limit too: each refusal must still reach a client that is busy sending
    assertThat(status("PUT", "text/plain", "{".repeat(TWO_MIB))).isEqualTo(405);
    assertThat(status("POST", "text/plain", jsonOfExactly(TWO_MIB) + "{")).isEqualTo(415);
    assertThat(status("POST", "application/json", "{".repeat(TWO_MIB))).isEqualTo(413);
    assertThat(status("POST", "application/json", "  ")).isEqualTo(400);
    assertNothingSubmittedAndStillHealthy(4);
  }

  @Test
  void jsonWithCharsetOrVendorTypeIsAccepted() {
    assertThat(status("POST", "application/json; charset=utf-8", ServiceClient.payload("a"))).isEqualTo(200);
    assertThat(status("POST", "application/vnd.crew+json", ServiceClient.payload("b"))).isEqualTo(200);
    client.awaitIdle();
    assertThat(service.tasksSubmitted()).isEqualTo(2);
  }

  @Test
  void bodyWithoutContentTypeIsReadAsJson() {
    // like the original, which parsed whatever it was sent; only a declared non-JSON type is refused
    HttpResponse<String> response = client.send(client.request("create_agent")
        .POST(BodyPublishers.ofString(ServiceClient.payload("untyped"))));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"message\":\"success\"}");
  }

  @Test
  void payloadWithoutAgentIdIsAcceptedAsNotFound() {
    HttpResponse<String> response = client.createAgent("{\"task\":\"write\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    client.awaitIdle();
    assertThat(service.tasksCompleted()).isEqualTo(1);
    assertThat(service.tasksFailed()).isZero();
    assertThat(CreateAgentService.agentId(ServiceClient.JSON.createObjectNode())).isEqualTo("Not Found");
  }

  private int status(String method, String contentType, String body) {
    return client.send(client.request("create_agent")
        .header("Content-Type", contentType)
        .method(method, BodyPublishers.ofString(body))).statusCode();
  }

  private void assertNothingSubmittedAndStillHealthy(long rejected) {
    assertThat(service.tasksSubmitted()).isZero();
    assertThat(service.requestsAccepted()).isZero();
    assertThat(service.requestsRejected()).isEqualTo(rejected);
    assertThat(client.health().path("status").asText()).isEqualTo("ok");
    HttpResponse<String> stillServing = client.createAgent(ServiceClient.payload("after-rejection"));
    assertThat(stillServing.statusCode()).isEqualTo(200);
    client.awaitIdle();
  }

  /** A valid JSON payload of exactly {@code size} bytes. */
  private static String jsonOfExactly(int size) {
    String prefix = "{\"agent\":{\"id\":\"big\"},\"padding\":\"";
    String suffix = "\"}";
    char[] padding = new char[size - prefix.length() - suffix.length()];
    Arrays.fill(padding, 'a');
    return prefix + new String(padding) + suffix;
  }
}
