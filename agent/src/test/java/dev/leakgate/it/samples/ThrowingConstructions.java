package dev.leakgate.it.samples;

import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.it.throwing.io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;

/**
 * Runs a tracked constructor that throws after making its worker thread 200 times, then prints what
 * is left: the exceptions as the application saw them, the unstarted threads and exporters still
 * reachable after GC, the registry's construction frame on this thread, failures.
 */
public final class ThrowingConstructions {
  private static final int CONSTRUCTIONS = 200;
  private static final int MAX_GCS = 50;

  private ThrowingConstructions() {}

  public static void main(String[] args) throws Exception {
    int unchanged = 0;
    for (int i = 0; i < CONSTRUCTIONS; i++) {
      try {
        new BatchSpanProcessor(new byte[256 * 1024]); // an exporter that holds some memory
      } catch (IllegalStateException e) {
        StackTraceElement top = e.getStackTrace()[0];
        if (e == BatchSpanProcessor.lastThrown && e.getMessage().equals(BatchSpanProcessor.MESSAGE) && e.getCause() == null
            && e.getSuppressed().length == 0 && top.getClassName().equals(BatchSpanProcessor.class.getName())
            && top.getMethodName().equals("<init>")) {
          unchanged++;
        }
      }
    }
    System.out.println("exceptions unchanged " + unchanged);
    BatchSpanProcessor.lastThrown = null;
    int gcs = 0;
    while (reachable() > 0 && gcs++ < MAX_GCS) {
      System.gc();
      Thread.sleep(20);
    }
    System.out.println("made " + BatchSpanProcessor.BUILT.size() + ", still reachable after GC " + reachable());
    Field frames = Class.forName("dev.leakgate.agent.registry.ThreadOwnership").getDeclaredField("FRAMES");
    frames.setAccessible(true);
    System.out.println("construction frame left " + (((ThreadLocal<?>) frames.get(null)).get() != null));
    System.out.println("created " + Registry.created(Kind.BatchSpanProcessor));
    System.out.println("failures " + Registry.failures());
  }

  private static int reachable() {
    int n = 0;
    synchronized (BatchSpanProcessor.BUILT) {
      for (WeakReference<Object> ref : BatchSpanProcessor.BUILT) {
        n += ref.get() != null ? 1 : 0;
      }
    }
    return n;
  }
}
