package dev.leakgate.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /threads and GET /healthz. */
class ServiceEndpointsTest {
  private CreateAgentService service;

  @BeforeEach
  void start() {
    service = CreateAgentService.builder().variant(Variant.FIXED).start();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void threadsEndpointGroupsLiveThreadsByRole() {
    ServiceClient client = new ServiceClient(service);
    client.createAgentAndSettle("agent-1");

    JsonNode threads = client.threads();

    assertThat(threads.path("variant").asText()).isEqualTo("fixed");
    // at least: the census is JVM-wide, and an earlier test's closed worker may still be draining
    assertThat(threads.path("processorWorkers").path("BatchSpanProcessor").asInt()).isPositive();
    assertThat(threads.path("processorWorkers").has("BatchLogRecordProcessor")).isTrue();
    assertThat(threads.path("processorWorkers").has("PeriodicMetricReader")).isTrue();
    assertThat(threads.path("agentPool").asInt()).isPositive();
    assertThat(threads.path("serverPool").asInt()).isPositive();
    assertThat(threads.path("jvm").asInt()).isPositive();
    assertThat(threads.path("telemetry").path("processorsLive").asInt()).isEqualTo(1);
    int roles = threads.path("agentPool").asInt() + threads.path("serverPool").asInt()
        + threads.path("jvm").asInt() + threads.path("processorWorkers").path("BatchSpanProcessor").asInt();
    assertThat(threads.path("total").asInt()).isEqualTo(roles).isEqualTo(threads.path("threads").size());
    JsonNode worker = find(threads, "create-agent-1");
    assertThat(worker.path("role").asText()).isEqualTo("agentPool");
    assertThat(worker.path("daemon").asBoolean()).isTrue();
    assertThat(worker.path("state").asText()).isIn("WAITING", "TIMED_WAITING", "RUNNABLE");
  }

  @Test
  void healthzReportsTheCountersOfTheService() {
    ServiceClient client = new ServiceClient(service);
    client.createAgentAndSettle("agent-1");

    JsonNode health = client.health();

    assertThat(health.path("status").asText()).isEqualTo("ok");
    assertThat(health.path("variant").asText()).isEqualTo("fixed");
    assertThat(health.path("requestsAccepted").asLong()).isEqualTo(1);
    assertThat(health.path("tasksSubmitted").asLong()).isEqualTo(1);
    assertThat(health.path("tasksCompleted").asLong()).isEqualTo(1);
    assertThat(health.path("telemetry").path("processorsBuilt").asLong()).isEqualTo(1);
  }


  private static JsonNode find(JsonNode threads, String name) {
    for (JsonNode thread : threads.path("threads")) {
      if (thread.path("name").asText().equals(name)) {
        return thread;
      }
    }
    throw new AssertionError("no thread named " + name + " in " + threads);
  }
}
