package dev.leakgate.harness.service;

import dev.leakgate.internal.probe.AgentInstaller;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;

/** Readies this JVM for measuring the reference service in process. */
public final class SdkWarmup {
  private SdkWarmup() {}

  /**
   * Installs the agent if needed, then builds and shuts down one span processor so the SDK classes
   * are loaded and woven before anything is measured: that one-time cost (hundreds of milliseconds)
   * would otherwise land in the first measured request.
   */
  public static synchronized void ensureAgentAndWarm() {
    AgentInstaller.ensureInstalled();
    // a short schedule delay: after shutdown a batch worker lingers up to that delay, and a lingering
    // warm-up worker would show as a processor thread in the first measurement
    SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter())
            .setScheduleDelay(Duration.ofMillis(1))
            .build())
        .build()
        .close();
  }
}
