package sample;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class LeakyTest {

  @Test
  void buildsAProcessorAndNeverShutsItDown() {
    assertNotNull(Telemetry.newProcessor());
  }
}
