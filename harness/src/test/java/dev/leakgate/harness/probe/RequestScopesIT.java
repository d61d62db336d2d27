package dev.leakgate.internal.probe;

import dev.leakgate.harness.service.SdkWarmup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakgate.agent.registry.InstanceSnapshot;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.internal.load.HttpLoad;
import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.Variant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference service opens a scope per request and the work it hands to its pool carries it: every
 * request's scope holds exactly the four processors built for it, on a pool thread, and none is unscoped.
 */
class RequestScopesIT {
  private static final int REQUESTS = 16;

  @BeforeAll
  static void loadAndWeaveTheSdkOnce() {
    SdkWarmup.ensureAgentAndWarm();
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 8})
  void everyRequestsScopeHoldsExactlyItsFourProcessors(int concurrency) {
    long before = lastInstanceId();
    try (CreateAgentService service = CreateAgentService.builder().variant(Variant.LEAKY).start();
        HttpLoad load = HttpLoad.to(service.uri().resolve("/create_agent"))
            .body("{\"agent\":{\"id\":\"scoped\"}}").concurrency(concurrency).build()) {
      load.send(REQUESTS);
      await().atMost(Duration.ofSeconds(30)).until(service::idle);
    }
    List<InstanceSnapshot> built = Registry.snapshot().instances().stream()
        .filter(i -> i.id() > before && i.kind() == Kind.BatchSpanProcessor)
        .toList();
    assertThat(built).hasSize(4 * REQUESTS);
    assertThat(built).allSatisfy(i -> assertThat(i.thread()).startsWith("create-agent-"));
    Map<String, Long> perScope = built.stream().collect(Collectors.groupingBy(i -> String.valueOf(i.scope()), Collectors.counting()));
    assertThat(perScope).doesNotContainKey("null").hasSize(REQUESTS);
    for (int n = 1; n <= REQUESTS; n++) {
      assertThat(perScope).containsEntry("request-" + n, 4L);
    }
  }

  private static long lastInstanceId() {
    return Registry.snapshot().instances().stream().mapToLong(InstanceSnapshot::id).max().orElse(0);
  }
}
