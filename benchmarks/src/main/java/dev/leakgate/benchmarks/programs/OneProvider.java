package dev.leakgate.benchmarks.programs;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;

/**
 * Builds one tracer provider with a batch processor and shuts it down, as a service does at start.
 * Prints the nanoseconds the first build took: it loads the SDK, and with the agent also the agent's
 * ASM weaving of the tracked SDK classes and its registry.
 */
public final class OneProvider {
  private OneProvider() {}

  /** Builds, shuts down, prints the first build's nanoseconds. */
  public static void main(String[] args) {
    long start = System.nanoTime();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build())
        .build();
    long firstBuild = System.nanoTime() - start;
    provider.shutdown().join(10, TimeUnit.SECONDS);
    System.out.println(firstBuild);
  }
}
