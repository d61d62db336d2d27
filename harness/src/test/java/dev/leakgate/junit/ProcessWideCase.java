package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;

/**
 * Subjects of {@link ProcessWideTest}: telemetry built once per process by a static initialiser and
 * never closed, in the test class itself or in a helper class that the first test initialises. It
 * belongs to no test. One pair of classes per mode: a class initialises once per JVM.
 */
final class ProcessWideCase {
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();

  private ProcessWideCase() {}

  static SdkTracerProvider buildTracing() {
    return SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(EXPORTER).build()).build();
  }

  /** A service's telemetry holder, initialised where it is first used. */
  static final class Telemetry {
    static final SdkTracerProvider TRACING = buildTracing();
  }

  /** The same holder for the parallel run. */
  static final class ParallelTelemetry {
    static final SdkTracerProvider TRACING = buildTracing();
  }

  /** Two tests that use the process's telemetry. */
  abstract static class TwoTests {
    abstract SdkTracerProvider tracing();

    @Test
    void firstTest() {
      tracing().get("first");
    }

    @Test
    void secondTest() {
      tracing().get("second");
    }
  }

  @LeakCheck
  @RunByTestKitOnly
  static class InTheTestClass extends TwoTests {
    private static final SdkTracerProvider TRACING = buildTracing();

    @Override
    SdkTracerProvider tracing() {
      return TRACING;
    }
  }

  @LeakCheck
  @RunByTestKitOnly
  static class InAHelperClass extends TwoTests {
    @Override
    SdkTracerProvider tracing() {
      return Telemetry.TRACING;
    }
  }

  @LeakCheck
  @RunByTestKitOnly
  static class InTheTestClassInParallel extends TwoTests {
    private static final SdkTracerProvider TRACING = buildTracing();

    @Override
    SdkTracerProvider tracing() {
      return TRACING;
    }
  }

  @LeakCheck
  @RunByTestKitOnly
  static class InAHelperClassInParallel extends TwoTests {
    @Override
    SdkTracerProvider tracing() {
      return ParallelTelemetry.TRACING;
    }
  }
}
