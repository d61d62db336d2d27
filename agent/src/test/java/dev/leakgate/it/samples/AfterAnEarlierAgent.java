package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * Runs after {@link SdkBuildingAgent}: shuts down the processor only its thread led to, builds one
 * processor of its own, and prints the registry once nothing drains.
 */
public final class AfterAnEarlierAgent {
  private AfterAnEarlierAgent() {}

  public static void main(String[] args) throws Exception {
    SdkBuildingAgent.unlistedProcessor.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
    BatchSpanProcessor.builder(new NoopSpanExporter()).build(); // AFTER-START
    RegistryDump.printWhenNothingDrains();
  }
}
