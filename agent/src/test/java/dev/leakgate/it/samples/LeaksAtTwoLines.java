package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.ArrayList;
import java.util.List;

/** Leaks {@code args[0]} span processors, two at one line for each one at another, keeping them all; then exits. */
public final class LeaksAtTwoLines {
  private static final List<BatchSpanProcessor> KEPT = new ArrayList<>();

  private LeaksAtTwoLines() {}

  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    for (int i = 0; i < count; i++) {
      KEPT.add(i % 3 == 2 ? other() : often());
    }
    System.out.println("built " + KEPT.size());
  }

  static BatchSpanProcessor often() {
    return BatchSpanProcessor.builder(new NoopSpanExporter()).build(); // OFTEN-LINE
  }

  static BatchSpanProcessor other() {
    return BatchSpanProcessor.builder(new NoopSpanExporter()).build(); // OTHER-LINE
  }
}
