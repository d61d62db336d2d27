package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code args[0]} tracer providers, each with a batch processor built first, and keeps them all. */
public final class ProvidersWithProcessors {
  private static final List<SdkTracerProvider> KEPT = new ArrayList<>();

  private ProvidersWithProcessors() {}

  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    for (int i = 0; i < count; i++) {
      BatchSpanProcessor processor = BatchSpanProcessor.builder(new NoopSpanExporter()).build();
      KEPT.add(SdkTracerProvider.builder().addSpanProcessor(processor).build());
    }
    System.out.println("built " + KEPT.size());
  }
}
