package dev.leakgate.it.samples;

import dev.leakgate.api.LeakGate;
import dev.leakgate.api.Scope;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordingStream;

/**
 * Run under {@code -XX:StartFlightRecording}: builds three span processors in scope {@code request-7},
 * shuts one down, and exits once a {@code dev.leakgate.LiveComponents} event counts them (it asks
 * for one every 100 ms, so the test need not wait for the default period).
 */
public final class BuildsUnderARecording {
  private BuildsUnderARecording() {}

  public static void main(String[] args) throws Exception {
    List<BatchSpanProcessor> built = new ArrayList<>();
    try (Scope scope = LeakGate.scope("request-7")) {
      for (int i = 0; i < 3; i++) {
        built.add(BatchSpanProcessor.builder(new NoopSpanExporter()).build()); // BUILD-LINE
      }
    }
    built.get(0).shutdown().join(5, TimeUnit.SECONDS); // SHUTDOWN-LINE
    CountDownLatch counted = new CountDownLatch(1);
    try (RecordingStream stream = new RecordingStream()) {
      stream.enable("dev.leakgate.LiveComponents").withPeriod(Duration.ofMillis(100));
      stream.onEvent("dev.leakgate.LiveComponents", event -> {
        if (event.getLong("live") == 2) {
          counted.countDown();
        }
      });
      stream.startAsync();
      System.out.println(counted.await(30, TimeUnit.SECONDS) ? "counted" : "no LiveComponents event within 30 s");
    }
  }
}
