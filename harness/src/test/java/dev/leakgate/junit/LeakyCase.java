package dev.leakgate.junit;

import static dev.leakgate.junit.LeakAssertions.assertThat;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import dev.leakgate.reports.model.Status;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;

/** Subject of {@link LeakCheckExtensionTest}: handlers that build telemetry per call, with and without shutdown. */
@LeakCheck
@RunByTestKitOnly
class LeakyCase {
  static final String CREATING_LINE = "// the creating line";
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();

  /** The bug: four batch processors (four worker threads) per call, never shut down. */
  static SdkTracerProvider handle() {
    SdkTracerProviderBuilder tracing = SdkTracerProvider.builder();
    for (int i = 0; i < 4; i++) {
      tracing.addSpanProcessor(BatchSpanProcessor.builder(EXPORTER).build()); // the creating line
    }
    return tracing.build();
  }

  @Test
  void leavesFourProcessors() {
    handle();
  }

  @Test
  void buildsAndShutsDown() {
    handle().close();
  }

  @Test
  @LeakCheck(maxLive = 1)
  void leavesOneWithinABudgetOfOne() {
    BatchSpanProcessor.builder(EXPORTER).build();
  }

  @Test
  @LeakCheck(maxLive = 1)
  void leavesTwoOverABudgetOfOne() {
    BatchSpanProcessor.builder(EXPORTER).build();
    BatchSpanProcessor.builder(EXPORTER).build();
  }

  @Test
  void measuresTheLeakyHandler(LeakMeter meter) {
    GrowthResult result = meter.measure(4, 1, LeakyCase::handle);

    assertThat(result).isLeaking().hasPerRequest("BatchSpanProcessor", 4.0).hasCulpritContaining("LeakyCase.handle(LeakyCase.java:");
  }

  @Test
  void measuresAHandlerThatShutsDown(LeakMeter meter) {
    GrowthResult result = meter.measure(4, 1, 2, () -> handle().close());

    assertThat(result).isNotLeaking().hasStatus(Status.CHURN).hasAtMostPerRequest(0.0);
  }
}
