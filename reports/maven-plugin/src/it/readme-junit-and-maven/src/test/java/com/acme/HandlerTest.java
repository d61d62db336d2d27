package com.acme;

import dev.leakgate.junit.LeakCheck;
import dev.leakgate.junit.LeakMeter;
import org.junit.jupiter.api.Test;

@LeakCheck
class HandlerTest {
  private final Handler handler = new Handler();

  @Test
  void buildsTelemetryOnce(LeakMeter meter) {
    meter.measure(20, 2, () -> handler.handle("hello"));
  }
}
