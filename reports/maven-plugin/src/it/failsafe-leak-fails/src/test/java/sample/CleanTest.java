package sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CleanTest {

  @Test
  void buildsAProcessorAndShutsItDown() {
    BatchSpanProcessor processor = Telemetry.newProcessor();
    assertTrue(processor.shutdown().join(10, TimeUnit.SECONDS).isSuccess());
  }
}
