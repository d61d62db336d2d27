package dev.leakgate.it.samples;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs on every SDK of the matrix (compiled against the current one, using only what 1.30 has too):
 * five processors leaked and three shut down at two lines, then every kind built twice at one line
 * each, one set kept and one shut down. Prints the registry once nothing drains.
 */
public final class MatrixWorkload {
  /** Short, so shut-down workers end at once and the run stays quick. */
  private static final Duration DELAY = Duration.ofMillis(50);

  private MatrixWorkload() {}

  public static void main(String[] args) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      leak();
    }
    for (int i = 0; i < 3; i++) {
      tidy();
    }
    OpenTelemetrySdk kept = everyKind();
    everyKind().shutdown().join(10, TimeUnit.SECONDS);
    RegistryDump.printWhenNothingDrains();
    Reference.reachabilityFence(kept);
  }

  static void leak() {
    BatchSpanProcessor.builder(new NoopSpanExporter()).setScheduleDelay(DELAY).build(); // MATRIX-LEAK
  }

  static void tidy() {
    BatchSpanProcessor p = BatchSpanProcessor.builder(new NoopSpanExporter()).setScheduleDelay(DELAY).build(); // MATRIX-TIDY
    p.shutdown().join(5, TimeUnit.SECONDS);
  }

  static OpenTelemetrySdk everyKind() {
    BatchSpanProcessor spans = BatchSpanProcessor.builder(new NoopSpanExporter()).setScheduleDelay(DELAY).build(); // MATRIX-SPANS
    BatchLogRecordProcessor logs = BatchLogRecordProcessor.builder(new NoopLogRecordExporter()).setScheduleDelay(DELAY).build(); // MATRIX-LOGS
    PeriodicMetricReader reader = PeriodicMetricReader.builder(new NoopMetricExporter()).setInterval(Duration.ofHours(1)).build(); // MATRIX-READER
    SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(spans).build(); // MATRIX-TRACER
    SdkMeterProvider metering = SdkMeterProvider.builder().registerMetricReader(reader).build(); // MATRIX-METER
    SdkLoggerProvider logging = SdkLoggerProvider.builder().addLogRecordProcessor(logs).build(); // MATRIX-LOGGER
    return OpenTelemetrySdk.builder().setTracerProvider(tracing).setMeterProvider(metering).setLoggerProvider(logging).build(); // MATRIX-SDK
  }
}
