package dev.leakgate.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original bug: four processors per request, none ever shut down. */
class LeakyVariantTest {

  @Test
  void leakyVariantAddsFourProcessorWorkersPerRequest() {
    try (CreateAgentService service = CreateAgentService.builder().variant(Variant.LEAKY).start()) {
      ServiceClient client = new ServiceClient(service);
      JsonNode atStart = client.threads();
      List<Integer> processorWorkers = new ArrayList<>(List.of(0));
      List<Integer> agentPool = new ArrayList<>(List.of(atStart.path("agentPool").asInt()));
      List<Integer> totalJump = new ArrayList<>(List.of(0));

      for (int call = 1; call <= 3; call++) {
        assertThat(client.createAgentAndSettle("agent-" + call).body()).isEqualTo("{\"message\":\"success\"}");
        JsonNode after = client.threads();
        processorWorkers.add(after.path("processorWorkers").path("BatchSpanProcessor").asInt()
            - atStart.path("processorWorkers").path("BatchSpanProcessor").asInt());
        agentPool.add(after.path("agentPool").asInt());
        totalJump.add(after.path("total").asInt() - atStart.path("total").asInt());
      }

      assertThat(processorWorkers).containsExactly(0, 4, 8, 12);
      // the pool starts its threads on demand: the first call's jump includes the pool thread it started
      assertThat(agentPool).containsExactly(0, 1, 2, 3);
      assertThat(totalJump.get(1)).isGreaterThanOrEqualTo(4 + 1);
      assertThat(service.telemetry()).isEqualTo(new TelemetryCounts(12, 0, 12, 0));
      assertThat(service.tasksSubmitted()).isEqualTo(3);
      assertThat(service.tasksCompleted()).isEqualTo(3);
    }
  }

  @Test
  void closeLeavesTheLeakyProcessorsRunningAsTheBuggyServiceWould() {
    CreateAgentService service = CreateAgentService.builder().variant(Variant.LEAKY).start();
    ServiceClient client = new ServiceClient(service);
    int before = client.batchWorkers();
    client.createAgentAndSettle("a");
    client.createAgentAndSettle("b");

    service.close();

    assertThat(ThreadCensus.take().processorWorkers("BatchSpanProcessor")).isEqualTo(before + 8);
    assertThat(service.telemetry().processorsLive()).isEqualTo(8);
  }
}
