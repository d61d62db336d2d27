package dev.leakgate.it.samples;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordingStream;

/**
 * Starts JDK Flight Recorder itself, long after the agent did, with a {@link RecordingStream}: a
 * processor built before has no event, the two built after have theirs, and the shutdown too.
 * Prints one line per event, sorted.
 */
public final class StreamsItsOwnComponents {
  private StreamsItsOwnComponents() {}

  public static void main(String[] args) throws Exception {
    BatchSpanProcessor before = BatchSpanProcessor.builder(new NoopSpanExporter()).build();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch three = new CountDownLatch(3);
    try (RecordingStream stream = new RecordingStream()) {
      stream.enable("dev.leakgate.ComponentCreated");
      stream.enable("dev.leakgate.ComponentShutdown");
      stream.onEvent("dev.leakgate.ComponentCreated", event -> {
        seen.add("created " + event.getString("kind") + " at " + event.getString("site") + " on " + event.getThread().getJavaName());
        three.countDown();
      });
      stream.onEvent("dev.leakgate.ComponentShutdown", event -> {
        seen.add("shutdown " + event.getString("kind") + " at " + event.getString("shutdownSite"));
        three.countDown();
      });
      stream.startAsync();
      awaitLeakGateEvents();
      List<BatchSpanProcessor> after = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        after.add(BatchSpanProcessor.builder(new NoopSpanExporter()).build()); // STREAM-LINE
      }
      after.get(0).shutdown().join(5, TimeUnit.SECONDS); // STREAM-SHUTDOWN-LINE
      if (!three.await(30, TimeUnit.SECONDS)) {
        System.out.println("missing events, saw " + seen);
      }
    }
    List<String> sorted = new ArrayList<>(seen);
    Collections.sort(sorted);
    sorted.forEach(System.out::println);
    System.out.println("kept " + (before != null));
  }

  /** The agent registers its events just after the recorder starts, on a thread of its own: wait for them (bounded). */
  private static void awaitLeakGateEvents() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
        if (type.getName().equals("dev.leakgate.ComponentCreated")) {
          return;
        }
      }
      Thread.sleep(10);
    }
    System.out.println("dev.leakgate.ComponentCreated never registered");
  }
}
