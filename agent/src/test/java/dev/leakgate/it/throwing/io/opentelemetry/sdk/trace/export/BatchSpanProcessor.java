package dev.leakgate.it.throwing.io.opentelemetry.sdk.trace.export;

import io.opentelemetry.sdk.common.internal.DaemonThreadFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tracked constructor that fails the way a real one does when the JVM cannot start another thread:
 * it has made its worker thread through the SDK's (woven) DaemonThreadFactory, then throws. Lives in
 * a package that {@code sdkPackage=dev.leakgate.it.throwing.io.opentelemetry.sdk} makes a tracked SDK.
 */
public final class BatchSpanProcessor {
  /** What the worker thread must be able to take down with it when nothing references it. */
  public static final String MESSAGE = "unable to create native thread: possibly out of memory or process/resource limits reached";
  /** The unstarted threads and the exporters of the failed constructions, held weakly. */
  public static final List<WeakReference<Object>> BUILT = Collections.synchronizedList(new ArrayList<>());
  /** The exception the last construction threw, so the caller can see it arrives unchanged. */
  public static volatile IllegalStateException lastThrown;

  /** Makes the worker, then fails before starting it. */
  public BatchSpanProcessor(Object exporter) {
    Thread worker = new DaemonThreadFactory("BatchSpanProcessor_WorkerThread").newThread(new Worker(exporter));
    BUILT.add(new WeakReference<>(worker));
    BUILT.add(new WeakReference<>(exporter));
    lastThrown = new IllegalStateException(MESSAGE);
    throw lastThrown;
  }

  private static final class Worker implements Runnable {
    private final Object exporter;

    Worker(Object exporter) {
      this.exporter = exporter;
    }

    @Override
    public void run() {
      exporter.hashCode();
    }
  }
}
