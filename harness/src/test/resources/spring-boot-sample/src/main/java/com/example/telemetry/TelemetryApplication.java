package com.example.telemetry;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Builds one OpenTelemetry SDK as a singleton bean, the right way: Spring closes it (its inferred
 * destroy method) when the context closes, which at JVM exit happens in Spring's shutdown hook,
 * after a bean that uses telemetry has taken 200 ms to stop (as a web server draining would).
 */
@SpringBootApplication
public class TelemetryApplication {

  @Bean
  OpenTelemetrySdk openTelemetry() {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build()).build())
        .build();
  }

  @Bean
  SlowToStop slowToStop(OpenTelemetrySdk openTelemetry) {
    return new SlowToStop();
  }

  public static void main(String[] args) {
    SpringApplication.run(TelemetryApplication.class, args).getBean(OpenTelemetrySdk.class).getTracer("sample").spanBuilder("start").startSpan().end();
    System.out.println("started");
  }

  /** Destroyed before the SDK it depends on, and not at once. */
  static final class SlowToStop implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      Thread.sleep(200);
    }
  }
}
