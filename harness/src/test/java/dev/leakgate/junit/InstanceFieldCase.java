package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Subjects of {@link InstanceFieldTest}: the README's {@code HandlerTest} shape, a handler built by a
 * field initialiser ({@code final Handler handler = new Handler();}) while JUnit constructs the test
 * instance, its constructor building telemetry.
 * Once per test (the default lifecycle) and once per class, leaking and closed.
 */
final class InstanceFieldCase {
  static final String HANDLER_LINE = "// HANDLER-BUILDS-TELEMETRY";
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();

  private InstanceFieldCase() {}

  /** A request handler that builds its own telemetry (the bug when nobody closes it). */
  static final class Handler implements AutoCloseable {
    private final SdkTracerProvider tracing;

    Handler() {
      tracing = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(EXPORTER).build()).build(); // HANDLER-BUILDS-TELEMETRY
    }

    String handle() {
      return tracing.get("handler").spanBuilder("request").startSpan().getSpanContext().getTraceId();
    }

    @Override
    public void close() {
      tracing.close();
    }
  }

  /** Two tests handling a request each with the instance's handler, built while JUnit constructs the instance. */
  abstract static class TwoRequests {
    final Handler handler = new Handler();

    @Test
    void firstRequest() {
      handler.handle();
    }

    @Test
    void secondRequest() {
      handler.handle();
    }
  }

  /** A {@code @Nested} test: JUnit builds the enclosing instance, with its handler, for each nested test. */
  @LeakCheck
  @RunByTestKitOnly
  static class EnclosingLeaking {
    final Handler handler = new Handler();

    @Nested
    @RunByTestKitOnly
    class Inner {
      @Test
      void nestedRequest() {
        handler.handle();
      }
    }
  }

  /** A new instance, so a new handler, per test; nobody closes it. */
  @LeakCheck
  @RunByTestKitOnly
  static class PerTestLeaking extends TwoRequests {
  }

  /** The same, each test closing its handler. */
  @LeakCheck
  @RunByTestKitOnly
  static class PerTestClosed extends TwoRequests {
    @AfterEach
    void closeHandler() {
      handler.close();
    }
  }

  /** One instance, so one handler, for the whole class; nobody closes it. */
  @LeakCheck
  @RunByTestKitOnly
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassLeaking extends TwoRequests {
  }

  /** The same, the class closing its handler after all its tests. */
  @LeakCheck
  @RunByTestKitOnly
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassClosed extends TwoRequests {
    @AfterAll
    void closeHandler() {
      handler.close();
    }
  }
}
