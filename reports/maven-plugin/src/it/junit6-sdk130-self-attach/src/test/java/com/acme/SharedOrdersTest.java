package com.acme;

import dev.leakgate.junit.LeakCheck;
import dev.leakgate.junit.LeakMeter;
import org.junit.jupiter.api.Test;

@LeakCheck
class SharedOrdersTest {

  @Test
  void buildsTelemetryOnce(LeakMeter meter) {
    try (SharedOrders orders = new SharedOrders()) {
      meter.measure(10, 2, 4, () -> orders.place("book"));
    }
  }
}
