package dev.leakgate.harness.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The in-process API: builder, start, port, close. */
class CreateAgentServiceTest {

  @Test
  void portZeroPicksAFreeLoopbackPort() {
    try (CreateAgentService one = CreateAgentService.builder().start();
        CreateAgentService two = CreateAgentService.builder().start()) {
      assertThat(one.port()).isPositive().isNotEqualTo(two.port());
      assertThat(one.uri().toString()).isEqualTo("http://127.0.0.1:" + one.port() + "/");
      assertThat(one.variant()).isEqualTo(Variant.FIXED);
      assertThat(one.poolSize()).isEqualTo(CreateAgentService.DEFAULT_POOL_SIZE);
    }
  }

  @Test
  void responseComesBeforeTheWorkWhichContinuesOnThePool() {
    try (CreateAgentService service = CreateAgentService.builder().variant(Variant.CHURN).start()) {
      ServiceClient client = new ServiceClient(service);

      HttpResponse<String> response = client.createAgent(ServiceClient.payload("a"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(service.requestsAccepted()).isEqualTo(1);
      assertThat(service.tasksSubmitted()).isEqualTo(1);
      client.awaitIdle();
      assertThat(service.tasksCompleted()).isEqualTo(1);
    }
  }

  @Test
  void createAgentRunsInProcessWithoutHttp() {
    try (CreateAgentService service = CreateAgentService.builder().variant(Variant.CHURN).start()) {
      service.createAgent(ServiceClient.JSON.createObjectNode());

      assertThat(service.telemetry()).isEqualTo(new TelemetryCounts(1, 1, 0, 4));
    }
  }

  @Test
  void closedServiceNoLongerAnswersAndCloseIsIdempotent() {
    CreateAgentService service = CreateAgentService.builder().start();
    ServiceClient client = new ServiceClient(service);
    client.health();

    service.close();
    service.close();

    assertThatThrownBy(client::health).hasCauseInstanceOf(ConnectException.class);
    assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderRejectsImpossibleSettings() {
    assertThatThrownBy(() -> CreateAgentService.builder().port(65_536)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65535");
    assertThatThrownBy(() -> CreateAgentService.builder().poolSize(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pool size");
    assertThatThrownBy(() -> CreateAgentService.builder().host(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CreateAgentService.builder().build().port()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void toStringShowsTheConfiguration() {
    assertThat(CreateAgentService.builder().variant(Variant.PER_THREAD).poolSize(3).build())
        .hasToString("CreateAgentService{variant=per-thread, host=127.0.0.1, port=0, poolSize=3, queueCapacity=256}");
  }
}
