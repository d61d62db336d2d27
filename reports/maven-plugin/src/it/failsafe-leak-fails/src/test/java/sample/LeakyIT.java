package sample;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class LeakyIT {

  @Test
  void buildsAProcessorAndNeverShutsItDown() {
    assertNotNull(Telemetry.newProcessor());
  }
}
