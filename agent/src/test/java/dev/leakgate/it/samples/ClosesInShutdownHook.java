package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.File;

/**
 * Builds a provider with a batch processor and closes it in its own shutdown hook after a pause, as
 * the SDK autoconfigure and Spring do; with {@code hang}, the hook never closes it and never ends;
 * with {@code deleteOnExit}, the hook then asks for a (never created) file to be deleted at exit;
 * with {@code halt}, the hook then halts the JVM with status 3, skipping the hooks still to finish.
 */
public final class ClosesInShutdownHook {
  private ClosesInShutdownHook() {}

  public static void main(String[] args) {
    boolean hang = args.length > 0 && args[0].equals("hang");
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(new NoopSpanExporter()).build()).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Thread.sleep(hang ? 600_000 : 200);
      } catch (InterruptedException e) {
        return;
      }
      provider.close();
      if (args.length > 0 && args[0].equals("deleteOnExit")) {
        new File(System.getProperty("java.io.tmpdir"), "leakgate-it-never-created-" + ProcessHandle.current().pid()).deleteOnExit();
      }
      if (args.length > 0 && args[0].equals("halt")) {
        Runtime.getRuntime().halt(3);
      }
    }, "app-closes-telemetry"));
    System.out.println("ran");
  }
}
