package dev.leakgate.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Requests that arrive faster than the pool drains: the work waiting after a 200 stays within the
 * queue bound, and every request beyond it is answered 503 with a JSON error and submits nothing.
 */
class BoundedQueueTest {
  private static final int QUEUE_CAPACITY = 4;
  // one pool thread and 64 requests at once: far more than one thread drains while they arrive
  private static final int BURST = 64;
  private static final int MAX_BURSTS = 10;

  @Test
  void requestsBeyondTheQueueBoundGet503AndSubmitNothing() {
    try (CreateAgentService service = CreateAgentService.builder()
        .variant(Variant.CHURN).poolSize(1).queueCapacity(QUEUE_CAPACITY).start()) {
      ServiceClient client = new ServiceClient(service);
      List<HttpResponse<String>> accepted = new ArrayList<>();
      List<HttpResponse<String>> refused = new ArrayList<>();
      int sent = 0;
      for (int burst = 0; burst < MAX_BURSTS && refused.isEmpty(); burst++) {
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
          inFlight.add(client.createAgentAsync("burst-" + burst + "-" + i));
        }
        sent += BURST;
        for (CompletableFuture<HttpResponse<String>> response : inFlight) {
          HttpResponse<String> answer = response.join();
          (answer.statusCode() == 200 ? accepted : refused).add(answer);
        }
      }
      client.awaitIdle();

      assertThat(accepted.size() + refused.size()).as("every request got 200 or 503").isEqualTo(sent);
      assertThat(refused).as("the queue filled up within " + MAX_BURSTS + " bursts of " + BURST).isNotEmpty();
      assertThat(refused).allSatisfy(response -> {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(ServiceClient.json(response).path("error").asText())
            .isEqualTo("Too busy: 4 createAgent calls already wait for the pool; try again later");
      });
      assertThat(service.mostQueuedTasks()).as("createAgent calls waiting at once").isBetween(1, QUEUE_CAPACITY);
      assertThat(service.requestsAccepted()).isEqualTo(accepted.size());
      assertThat(service.requestsRefusedQueueFull()).isEqualTo(refused.size());
      assertThat(service.tasksSubmitted()).as("a 503 submits nothing").isEqualTo(accepted.size());
      assertThat(service.tasksCompleted()).isEqualTo(accepted.size());
      assertThat(service.queuedTasks()).isZero();
      System.out.printf("sent %d, accepted %d, refused with 503 %d, most queued %d (bound %d)%n",
          sent, accepted.size(), refused.size(), service.mostQueuedTasks(), QUEUE_CAPACITY);
    }
  }

  @Test
  void theBoundIsAtLeastOne() {
    assertThat(CreateAgentService.builder().queueCapacity(1).build().queueCapacity()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CreateAgentService.builder().queueCapacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue capacity must be at least 1, was 0");
  }
}
