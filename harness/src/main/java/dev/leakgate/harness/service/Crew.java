package dev.leakgate.harness.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** A crewAI-style crew: runs an agent's task with an LLM. */
final class Crew {
  static final String INSTRUMENTATION = "leakgate.crew.crew";

  private final Agent agent;
  private final Task task;
  private final Tracer tracer;

  /** Uses telemetry the service owns. */
  Crew(Agent agent, Task task, Tracer tracer) {
    this.agent = agent;
    this.task = task;
    this.tracer = tracer;
  }

  /** The original bug: builds its own provider and processor, which nothing ever shuts down. */
  Crew(Agent agent, Task task, SpanExporter exporter, TelemetryCounter counter) {
    SdkTracerProvider ownProvider = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    counter.built();
    this.agent = agent;
    this.task = task;
    this.tracer = ownProvider.get(INSTRUMENTATION);
  }

  /** Runs the task, inside a {@code crew.kickoff} span that parents the others. */
  String kickoff(LlmClient llm) {
    Span span = tracer.spanBuilder("crew.kickoff").setAttribute("agent.id", agent.id()).startSpan();
    Scope scope = span.makeCurrent();
    try {
      if (!task.validate()) {
        return "nothing to do";
      }
      return llm.complete(agent.plan(task));
    } finally {
      scope.close();
      span.end();
    }
  }
}
