package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds {@code args[0]} span processors, shuts the first down, says so, and stays up {@code args[1]} ms for a reader. */
public final class LeaksAndWaits {
  private static final List<BatchSpanProcessor> KEPT = new ArrayList<>();

  private LeaksAndWaits() {}

  public static void main(String[] args) throws InterruptedException {
    int count = Integer.parseInt(args[0]);
    for (int i = 0; i < count; i++) {
      KEPT.add(BatchSpanProcessor.builder(new NoopSpanExporter()).build());
    }
    KEPT.get(0).shutdown().join(5, TimeUnit.SECONDS);
    System.out.println("built " + count);
    Thread.sleep(Long.parseLong(args[1]));
  }
}
