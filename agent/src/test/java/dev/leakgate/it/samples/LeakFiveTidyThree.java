package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;

/** Leaks five span processors at one line and builds and shuts down three at another, then exits. */
public final class LeakFiveTidyThree {
  private LeakFiveTidyThree() {}

  public static void main(String[] args) {
    for (int i = 0; i < 5; i++) {
      leak();
    }
    for (int i = 0; i < 3; i++) {
      tidy();
    }
    System.out.println("ran");
  }

  static void leak() {
    BatchSpanProcessor.builder(new NoopSpanExporter()).build(); // LEAK-LINE
  }

  static void tidy() {
    BatchSpanProcessor p = BatchSpanProcessor.builder(new NoopSpanExporter()).build(); // TIDY-LINE
    p.shutdown().join(5, TimeUnit.SECONDS);
  }
}
