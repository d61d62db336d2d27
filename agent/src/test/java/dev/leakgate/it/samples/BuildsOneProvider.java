package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;

/** Builds one tracer provider with a batch processor and shuts it down, as a service does at start. */
public final class BuildsOneProvider {
  private BuildsOneProvider() {}

  public static void main(String[] args) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new NoopSpanExporter()).build())
        .build();
    provider.shutdown().join(10, TimeUnit.SECONDS);
    System.out.println("built");
  }
}
