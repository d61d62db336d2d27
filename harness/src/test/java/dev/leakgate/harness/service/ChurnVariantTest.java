package dev.leakgate.harness.service;

import static dev.leakgate.harness.service.ServiceClient.DRAIN_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Churn: a processor per request, shut down when the request's work ends. */
class ChurnVariantTest {

  @Test
  void churnVariantBuildsAProcessorPerRequestButLeavesNoneLive() {
    try (CreateAgentService service = CreateAgentService.builder().variant(Variant.CHURN).start()) {
      ServiceClient client = new ServiceClient(service);
      int atStart = client.batchWorkers();

      for (int call = 1; call <= 3; call++) {
        client.createAgentAndSettle("agent-" + call);
        // shut down as soon as the call ends, even while its worker thread may still be draining
        assertThat(service.telemetry()).isEqualTo(new TelemetryCounts(call, call, 0, 4L * call));
      }

      await("churned workers drained").atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(50))
          .until(client::batchWorkers, workers -> workers == atStart);
      assertThat(atStart).isZero();
    }
  }
}
