package dev.leakgate.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Racy: an unsynchronised lazy singleton duplicates only when the first requests race. */
class RacyVariantTest {
  private static final int CONCURRENT_FIRST_REQUESTS = 16;

  @Test
  void racyVariantDuplicatesTheProviderUnderAConcurrentStartThenStops() {
    try (CreateAgentService service =
        CreateAgentService.builder().variant(Variant.RACY).poolSize(CONCURRENT_FIRST_REQUESTS).start()) {
      ServiceClient client = new ServiceClient(service);

      assertThat(sendConcurrently(client, CONCURRENT_FIRST_REQUESTS)).containsOnly(200);
      client.awaitIdle();
      long afterRace = service.telemetry().processorsBuilt();

      assertThat(afterRace).isGreaterThan(1).isLessThanOrEqualTo(CONCURRENT_FIRST_REQUESTS);
      assertThat(client.batchWorkers()).isEqualTo((int) afterRace);

      // once the singleton is set, neither sequential nor concurrent requests add any
      client.createAgentAndSettle("late-1");
      assertThat(sendConcurrently(client, CONCURRENT_FIRST_REQUESTS)).containsOnly(200);
      client.awaitIdle();
      assertThat(service.telemetry().processorsBuilt()).isEqualTo(afterRace);
      assertThat(client.batchWorkers()).isEqualTo((int) afterRace);
    }
  }

  @Test
  void racyVariantBuildsOneProviderWhenTheFirstRequestArrivesAlone() {
    try (CreateAgentService service =
        CreateAgentService.builder().variant(Variant.RACY).poolSize(CONCURRENT_FIRST_REQUESTS).start()) {
      ServiceClient client = new ServiceClient(service);

      client.createAgentAndSettle("first");
      assertThat(sendConcurrently(client, CONCURRENT_FIRST_REQUESTS)).containsOnly(200);
      client.awaitIdle();

      assertThat(service.telemetry().processorsBuilt()).isEqualTo(1);
    }
  }

  private static List<Integer> sendConcurrently(ServiceClient client, int requests) {
    List<CompletableFuture<HttpResponse<String>>> inFlight = IntStream.rangeClosed(1, requests)
        .mapToObj(i -> client.createAgentAsync("racer-" + i))
        .collect(Collectors.toList());
    return inFlight.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).collect(Collectors.toList());
  }
}
