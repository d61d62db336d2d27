package dev.leakgate.harness.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** A stand-in LLM client: answers locally, never calls out. */
final class LlmClient {
  static final String INSTRUMENTATION = "leakgate.crew.llm";

  private final Tracer tracer;

  /** Uses telemetry the service owns. */
  LlmClient(Tracer tracer) {
    this.tracer = tracer;
  }

  /** The original bug: builds its own provider and processor, which nothing ever shuts down. */
  LlmClient(SpanExporter exporter, TelemetryCounter counter) {
    SdkTracerProvider ownProvider = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    counter.built();
    this.tracer = ownProvider.get(INSTRUMENTATION);
  }

  /** Completes a prompt, inside an {@code llm.complete} span. */
  String complete(String prompt) {
    Span span = tracer.spanBuilder("llm.complete").setAttribute("llm.prompt.length", prompt.length()).startSpan();
    try {
      return "ok: " + prompt;
    } finally {
      span.end();
    }
  }
}
