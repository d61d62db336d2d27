package dev.leakgate.junit;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subject of the parallel tests: three tests leak, three shut down, all build at the same line and
 * all hold their components live at the same moment (a barrier), so only the test scope tells them apart.
 */
@LeakCheck
@RunByTestKitOnly
class ParallelCase {
  static final int TESTS = 6;
  private static final DiscardingSpanExporter EXPORTER = new DiscardingSpanExporter();
  private static CyclicBarrier allLive;

  @BeforeAll
  static void newBarrier() {
    allLive = new CyclicBarrier(TESTS);
  }

  static SdkTracerProvider tracer() {
    return SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(EXPORTER).build()).build();
  }

  /** Fails unless all six tests run at once: the point is that they overlap. */
  static void waitForAllSix() throws Exception {
    allLive.await(20, TimeUnit.SECONDS);
  }

  @Test
  void leaky1() throws Exception {
    tracer();
    waitForAllSix();
  }

  @Test
  void leaky2() throws Exception {
    tracer();
    waitForAllSix();
  }

  @Test
  void leaky3() throws Exception {
    tracer();
    waitForAllSix();
  }

  @Test
  void clean1() throws Exception {
    SdkTracerProvider tracer = tracer();
    waitForAllSix();
    tracer.close();
  }

  @Test
  void clean2() throws Exception {
    SdkTracerProvider tracer = tracer();
    waitForAllSix();
    tracer.close();
  }

  @Test
  void clean3() throws Exception {
    SdkTracerProvider tracer = tracer();
    waitForAllSix();
    tracer.close();
  }
}
