package dev.leakgate.harness.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** A crewAI-style task assigned to an agent. */
final class Task {
  static final String INSTRUMENTATION = "leakgate.crew.task";

  private final String description;
  private final Tracer tracer;

  /** Uses telemetry the service owns. */
  Task(String description, Tracer tracer) {
    this.description = description;
    this.tracer = tracer;
  }

  /** The original bug: builds its own provider and processor, which nothing ever shuts down. */
  Task(String description, SpanExporter exporter, TelemetryCounter counter) {
    SdkTracerProvider ownProvider = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    counter.built();
    this.description = description;
    this.tracer = ownProvider.get(INSTRUMENTATION);
  }

  String description() {
    return description;
  }

  /** Checks the task can run, inside a {@code task.validate} span. */
  boolean validate() {
    Span span = tracer.spanBuilder("task.validate").setAttribute("task.description", description).startSpan();
    try {
      return !description.isBlank();
    } finally {
      span.end();
    }
  }
}
