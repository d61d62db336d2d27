package dev.leakgate.harness.service;

import static dev.leakgate.harness.service.ServiceClient.DRAIN_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-thread: one provider per pool thread, so growth stops at the pool size. */
class PerThreadVariantTest {

  @Test
  void perThreadVariantStopsGrowingAtThePoolSize() {
    try (CreateAgentService service = CreateAgentService.builder().variant(Variant.PER_THREAD).poolSize(4).start()) {
      ServiceClient client = new ServiceClient(service);
      List<Integer> processorWorkers = new ArrayList<>(List.of(client.batchWorkers()));

      for (int call = 1; call <= 8; call++) {
        client.createAgentAndSettle("agent-" + call);
        processorWorkers.add(client.batchWorkers());
      }

      assertThat(processorWorkers).containsExactly(0, 1, 2, 3, 4, 4, 4, 4, 4);
      assertThat(service.telemetry().processorsLive()).isEqualTo(4);
    }
  }

  @Test
  void closeShutsDownEveryPerThreadProvider() {
    CreateAgentService service = CreateAgentService.builder().variant(Variant.PER_THREAD).poolSize(2).start();
    ServiceClient client = new ServiceClient(service);
    client.createAgentAndSettle("a");
    client.createAgentAndSettle("b");
    client.createAgentAndSettle("c");

    service.close();

    assertThat(service.telemetry()).isEqualTo(new TelemetryCounts(2, 2, 0, 12));
    await("per-thread workers drained").atMost(DRAIN_TIMEOUT)
        .until(() -> ThreadCensus.take().processorWorkers("BatchSpanProcessor") == 0);
  }
}
