package compare.app;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** OpenTelemetry built once for the process, in a static initialiser, as its advice says. */
public final class Telemetry {
  static final Tracer TRACER = SdkTracerProvider.builder()
      .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build())
      .build()
      .get("process-wide");

  private Telemetry() {}
}
