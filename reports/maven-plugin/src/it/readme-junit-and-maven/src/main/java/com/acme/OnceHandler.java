package com.acme;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/** The fix: telemetry built once, shut down with the handler. */
public final class OnceHandler implements AutoCloseable {
  private final SdkTracerProvider tracing = SdkTracerProvider.builder()
      .addSpanProcessor(BatchSpanProcessor.builder(new Handler.NoExport()).build())
      .build();
  private final Tracer tracer = tracing.get("com.acme.shop");

  public String handle(String request) {
    tracer.spanBuilder("handle").startSpan().end();
    return "handled " + request;
  }

  @Override
  public void close() {
    tracing.close();
  }
}
