package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.leakgate.it.samples.NoopSpanExporter;
import dev.leakgate.agent.registry.Registry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An exception inside the registry never reaches the application. */
class FaultIT {

  @Test
  void anExceptionThrownInsideTheRegistryNeverReachesTheApplication() throws Exception {
    Field fault = Registry.class.getDeclaredField("fault");
    fault.setAccessible(true);
    long failuresBefore = Registry.failures();
    // the agent's one line about its first failure is captured and checked, not printed into the build
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
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
      System.setErr(originalErr);
    }
    assertThat(Registry.failures()).isGreaterThan(failuresBefore);
    String printed = err.toString(StandardCharsets.UTF_8);
    if (failuresBefore == 0) {
      assertThat(printed.lines()).as("one line, for the JVM's first failure only").containsExactly(
          "leakgate: internal error, counts may be incomplete (the application is unaffected): "
              + "java.lang.IllegalStateException: injected registry failure");
    } else {
      assertThat(printed).as("said once per JVM, already said").isEmpty();
    }
  }
}
