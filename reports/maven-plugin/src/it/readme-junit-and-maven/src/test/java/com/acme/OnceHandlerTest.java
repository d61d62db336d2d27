package com.acme;

import dev.leakgate.junit.LeakCheck;
import dev.leakgate.junit.LeakMeter;
import org.junit.jupiter.api.Test;

/** Not from the README: the fixed handler, whose handle returns a value, passes the same check. */
@LeakCheck
class OnceHandlerTest {

  @Test
  void buildsTelemetryOnce(LeakMeter meter) {
    try (OnceHandler handler = new OnceHandler()) {
      meter.measure(20, 2, () -> handler.handle("hello"));
    }
  }
}
