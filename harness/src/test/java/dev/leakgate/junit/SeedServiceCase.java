package dev.leakgate.junit;

import dev.leakgate.internal.load.HttpLoad;
import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subject of {@link SeedServiceTest}: the original bug, in a JUnit test. The reference service answers
 * {@code POST /create_agent} at once and builds the telemetry on its pool afterwards, on a thread the
 * test never sees (a Jetty thread hands it to the pool).
 */
@LeakCheck
@RunByTestKitOnly
class SeedServiceCase {
  private static CreateAgentService leaky;
  private static CreateAgentService fixed;

  @BeforeAll
  static void startServices() {
    leaky = CreateAgentService.builder().variant(Variant.LEAKY).start();
    fixed = CreateAgentService.builder().variant(Variant.FIXED).start();
  }

  @AfterAll
  static void stopServices() {
    leaky.close();
    fixed.close();
  }

  private static void createAgent(CreateAgentService service) {
    try (HttpLoad load = HttpLoad.to(service.uri().resolve("/create_agent"))
        .body("{\"agent\":{\"id\":\"a1\"}}").build()) {
      load.send(1);
    }
  }

  @Test
  void leakyServiceCreatesAnAgent() {
    createAgent(leaky);
  }

  @Test
  void fixedServiceCreatesAnAgent() {
    createAgent(fixed);
  }
}
