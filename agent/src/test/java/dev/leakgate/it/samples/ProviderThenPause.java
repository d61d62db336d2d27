package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/** Builds and closes one provider, then stays up longer than the old agent's delayed JMX registration (1 s). */
public final class ProviderThenPause {
  private ProviderThenPause() {}

  public static void main(String[] args) throws Exception {
    SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(new NoopSpanExporter()).build()).build().close();
    Thread.sleep(Long.parseLong(args[0]));
    System.out.println("ran");
  }
}
