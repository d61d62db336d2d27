package com.acme;

import dev.leakgate.junit.LeakCheck;
import dev.leakgate.junit.LeakMeter;
import org.junit.jupiter.api.Test;

@LeakCheck
class OrdersTest {
  private final Orders orders = new Orders();

  @Test
  void buildsTelemetryOnce(LeakMeter meter) {
    meter.measure(10, 2, 4, () -> orders.place("book"));
  }
}
