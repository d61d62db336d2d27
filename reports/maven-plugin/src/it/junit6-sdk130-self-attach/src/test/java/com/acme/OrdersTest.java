package com.acme;

import dev.leakgate.harness.junit.LeakCheck;
import dev.leakgate.harness.junit.LeakMeter;
import org.junit.jupiter.api.Test;

@LeakCheck
class OrdersTest {
  private final Orders orders = new Orders();

  @Test
  void buildsTelemetryOnce(LeakMeter meter) {
    meter.measure(10, 2, 4, () -> orders.place("book"));
  }
}
