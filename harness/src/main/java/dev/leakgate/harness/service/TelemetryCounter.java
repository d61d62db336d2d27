package dev.leakgate.harness.service;

import java.util.concurrent.atomic.AtomicLong;

/** Tallies the processors a wiring builds and shuts down; one per service. */
final class TelemetryCounter {
  private final AtomicLong built = new AtomicLong();
  private final AtomicLong shutDown = new AtomicLong();

  void built() {
    built.incrementAndGet();
  }

  void shutDown() {
    shutDown.incrementAndGet();
  }

  TelemetryCounts snapshot(DiscardingSpanExporter exporter) {
    long shut = shutDown.get();
    long made = built.get();
    return new TelemetryCounts(made, shut, made - shut, exporter.exported());
  }
}
