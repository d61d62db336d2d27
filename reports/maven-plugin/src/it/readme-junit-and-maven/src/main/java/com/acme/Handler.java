package com.acme;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** Handles a request, returning nothing, and builds its telemetry on every call instead of once: the leak. */
public final class Handler {

  public void handle(String request) {
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new NoExport()).build())
        .build();
    Tracer tracer = tracing.get("com.acme.shop");
    tracer.spanBuilder("handle").startSpan().setAttribute("request", request).end();
  }

  static final class NoExport implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
