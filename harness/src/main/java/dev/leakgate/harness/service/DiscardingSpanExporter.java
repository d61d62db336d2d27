package dev.leakgate.harness.service;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the spans it is given and drops them: the service must never touch the network. */
public final class DiscardingSpanExporter implements SpanExporter {
  private final AtomicLong exported = new AtomicLong();

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    exported.addAndGet(spans.size());
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  /** Shared by every processor of a service, so a processor's shutdown must not end it. */
  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  /** Spans exported so far. */
  long exported() {
    return exported.get();
  }

  @Override
  public String toString() {
    return "DiscardingSpanExporter{exported=" + exported.get() + "}";
  }
}
