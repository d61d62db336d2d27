package com.acme;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Telemetry and a worker pool built once for the process, in static fields. */
public final class FixedHandler {
  private static final SdkTracerProvider TRACING = SdkTracerProvider.builder()
      .addSpanProcessor(BatchSpanProcessor.builder(new NoExport()).build()) // STATIC-SDK
      .build();
  private static final Tracer TRACER = TRACING.get("com.acme.shop");
  private static final ExecutorService WORKERS = Executors.newFixedThreadPool(2); // STATIC-POOL

  private FixedHandler() {}

  public static Future<String> handle(String request) {
    return WORKERS.submit(() -> {
      TRACER.spanBuilder("handle").startSpan().end();
      return "handled " + request;
    });
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
