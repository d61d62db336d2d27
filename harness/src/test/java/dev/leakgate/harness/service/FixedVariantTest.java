package dev.leakgate.harness.service;

import static dev.leakgate.harness.service.ServiceClient.DRAIN_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fix: one SDK built at start-up, injected, closed at stop. */
class FixedVariantTest {
  private CreateAgentService service;

  @AfterEach
  void stopAndDrain() {
    if (service != null) {
      service.close();
    }
    // the closed SDK's worker lingers up to its schedule delay; the next test counts from zero
    await("processor workers drained").atMost(DRAIN_TIMEOUT)
        .until(() -> ThreadCensus.take().processorWorkers("BatchSpanProcessor") == 0);
  }

  @Test
  void fixedVariantKeepsOneProcessorWorkerWhateverTheRequests() {
    service = CreateAgentService.builder().variant(Variant.FIXED).start();
    ServiceClient client = new ServiceClient(service);
    List<Integer> processorWorkers = new ArrayList<>(List.of(client.batchWorkers()));

    for (int call = 1; call <= 5; call++) {
      client.createAgentAndSettle("agent-" + call);
      processorWorkers.add(client.batchWorkers());
    }

    assertThat(processorWorkers).containsExactly(1, 1, 1, 1, 1, 1);
    assertThat(service.telemetry()).isEqualTo(new TelemetryCounts(1, 0, 1, 0));
  }

  @Test
  void closeShutsDownTheSdkThePoolAndTheServer() {
    service = CreateAgentService.builder().variant(Variant.FIXED).start();
    ServiceClient client = new ServiceClient(service);
    client.createAgentAndSettle("agent-1");

    service.close();

    TelemetryCounts closed = service.telemetry();
    assertThat(closed.processorsBuilt()).isEqualTo(1);
    assertThat(closed.processorsShutDown()).isEqualTo(1);
    // shutting the SDK down flushes the four spans of the one call
    assertThat(closed.spansExported()).isEqualTo(4);
    await("threads of the closed service gone").atMost(DRAIN_TIMEOUT).untilAsserted(() -> {
      ThreadCensus census = ThreadCensus.take();
      assertThat(census.processorWorkers("BatchSpanProcessor")).isZero();
      assertThat(census.agentPool()).isZero();
      assertThat(census.serverPool()).isZero();
    });
  }
}
