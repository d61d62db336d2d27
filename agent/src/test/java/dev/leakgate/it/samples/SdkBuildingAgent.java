package dev.leakgate.it.samples;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.lang.instrument.Instrumentation;

/**
 * An agent that builds an OpenTelemetry SDK in its premain, as the OpenTelemetry Java agent and APM
 * agents do. Loaded before LeakGate, it builds what LeakGate cannot see being built: a global SDK
 * (found through GlobalOpenTelemetry), a processor nothing global references (found through its
 * worker thread), and a provider without threads that nothing global references (not found).
 */
public final class SdkBuildingAgent {
  /** Held only here, where LeakGate does not look: its worker thread is the way to it. */
  public static BatchSpanProcessor unlistedProcessor;
  /** Held only here and owning no thread: LeakGate cannot find it. */
  public static SdkTracerProvider unlistedProvider;

  private SdkBuildingAgent() {}

  public static void premain(String args, Instrumentation inst) {
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new NoopSpanExporter()).build()) // IN-PREMAIN
        .build();
    SdkMeterProvider metrics = SdkMeterProvider.builder()
        .registerMetricReader(PeriodicMetricReader.builder(new NoopMetricExporter()).build())
        .build();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(tracing).setMeterProvider(metrics).build());
    unlistedProcessor = BatchSpanProcessor.builder(new NoopSpanExporter()).build();
    unlistedProvider = SdkTracerProvider.builder().build();
  }
}
