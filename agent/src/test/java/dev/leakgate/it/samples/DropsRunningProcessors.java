package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds eleven processors, keeps no reference and never shuts them down: the instances can be
 * collected (the worker does not reference its processor) while the eleven workers run on. Waits
 * (bounded) until every instance is gone, then prints the registry.
 */
public final class DropsRunningProcessors {
  static final int DROPPED = 11;
  private static final int MAX_GCS = 50;

  private DropsRunningProcessors() {}

  public static void main(String[] args) throws InterruptedException {
    List<WeakReference<BatchSpanProcessor>> dropped = new ArrayList<>();
    for (int i = 0; i < DROPPED; i++) {
      dropped.add(new WeakReference<>(BatchSpanProcessor.builder(new NoopSpanExporter()).build())); // DROPPED-LINE
    }
    int gcs = 0;
    while (collected(dropped) < DROPPED && gcs++ < MAX_GCS) {
      System.gc();
      Thread.sleep(20);
    }
    System.out.println("collected " + collected(dropped));
    System.out.println("workers running " + workersRunning());
    RegistryDump.print();
  }

  private static int collected(List<WeakReference<BatchSpanProcessor>> refs) {
    int n = 0;
    for (WeakReference<BatchSpanProcessor> ref : refs) {
      n += ref.get() == null ? 1 : 0;
    }
    return n;
  }

  private static long workersRunning() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("BatchSpanProcessor_WorkerThread") && t.isAlive())
        .count();
  }
}
