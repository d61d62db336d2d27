package dev.leakgate.harness.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** A crewAI-style agent: the actor of a task. */
final class Agent {
  static final String INSTRUMENTATION = "leakgate.crew.agent";

  private final String id;
  private final Tracer tracer;

  /** Uses telemetry the service owns. */
  Agent(String id, Tracer tracer) {
    this.id = id;
    this.tracer = tracer;
  }

  /** The original bug: builds its own provider and processor, which nothing ever shuts down. */
  Agent(String id, SpanExporter exporter, TelemetryCounter counter) {
    SdkTracerProvider ownProvider = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    counter.built();
    this.id = id;
    this.tracer = ownProvider.get(INSTRUMENTATION);
  }

  String id() {
    return id;
  }

  /** Plans the task, inside an {@code agent.plan} span. */
  String plan(Task task) {
    Span span = tracer.spanBuilder("agent.plan").setAttribute("agent.id", id).startSpan();
    try {
      return "agent " + id + " will " + task.description();
    } finally {
      span.end();
    }
  }
}
