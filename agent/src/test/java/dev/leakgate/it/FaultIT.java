package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.leakgate.it.samples.NoopSpanExporter;
import dev.leakgate.agent.registry.Registry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An exception inside the registry never reaches the application. */
class FaultIT {

  @Test
  void anExceptionThrownInsideTheRegistryNeverReachesTheApplication() throws Exception {
    Field fault = Registry.class.getDeclaredField("fault");
    fault.setAccessible(true);
    long failuresBefore = Registry.failures();
    fault.set(null, new IllegalStateException("injected registry failure"));
    try {
      assertThatCode(() -> {
        SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(new NoopSpanExporter()).build())
            .build();
        Span span = provider.get("fault").spanBuilder("works").startSpan();
        span.end();
        assertThat(span.getSpanContext().isValid()).isTrue();
        provider.shutdown().join(5, TimeUnit.SECONDS);
      }).doesNotThrowAnyException();
    } finally {
      fault.set(null, null);
    }
    assertThat(Registry.failures()).isGreaterThan(failuresBefore);
  }
}
