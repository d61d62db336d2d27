package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Subject of {@link ExtendWithTest}: the extension registered by name, without {@link LeakCheck}. */
@ExtendWith(LeakCheckExtension.class)
@RunByTestKitOnly
class ExtendWithCase {
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();

  @Test
  void leavesOneProcessor() {
    BatchSpanProcessor.builder(EXPORTER).build();
  }
}
