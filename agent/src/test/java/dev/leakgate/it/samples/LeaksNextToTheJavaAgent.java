package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/** Runs beside the OpenTelemetry Java agent (and its own SDK): leaks five processors of its own at one line. */
public final class LeaksNextToTheJavaAgent {
  private LeaksNextToTheJavaAgent() {}

  public static void main(String[] args) {
    for (int i = 0; i < 5; i++) {
      BatchSpanProcessor.builder(new NoopSpanExporter()).build(); // APP-LEAK
    }
    RegistryDump.print();
  }
}
