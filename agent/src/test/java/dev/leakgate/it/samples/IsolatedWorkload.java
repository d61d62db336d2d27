package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;

/** Runs inside a child-first class loader that holds its own copy of the SDK. */
public final class IsolatedWorkload implements Runnable {
  @Override
  public void run() {
    BatchSpanProcessor kept = BatchSpanProcessor.builder(new NoopSpanExporter()).build(); // ISOLATED-KEPT
    BatchSpanProcessor.builder(new NoopSpanExporter()).build().shutdown().join(5, TimeUnit.SECONDS); // ISOLATED-TIDY
    if (kept.isEndRequired()) {
      Thread.onSpinWait(); // keeps 'kept' used; the leak is the point
    }
  }
}
