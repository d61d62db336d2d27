package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakgate.it.samples.NoopLogRecordExporter;
import dev.leakgate.it.samples.NoopMetricExporter;
import dev.leakgate.it.samples.NoopSpanExporter;
import dev.leakgate.agent.registry.Counts;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every OpenTelemetry kind is counted exactly, with its threads, through its whole lifecycle; the
 * threads and the scheduler the SDK makes for its components are theirs, never components of their own.
 */
class EveryKindIT {
  private static final List<Kind> SDK_KINDS = Arrays.stream(Kind.values()).filter(k -> k.origin() == Kind.Origin.SDK).toList();
  private static final List<Kind> JDK_KINDS = Arrays.stream(Kind.values()).filter(k -> k.origin() == Kind.Origin.JDK).toList();

  @Test
  void everyKindIsCountedWithItsThreadsAndShutdownEndsLiveBeforeTheThreadsDrain() {
    OpenTelemetrySdk sdk;
    ScopeContext everyKind = Scopes.open("every-kind");
    try (everyKind) {
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(BatchSpanProcessor.builder(new NoopSpanExporter()).build())
              .build())
          .setMeterProvider(SdkMeterProvider.builder()
              .registerMetricReader(PeriodicMetricReader.builder(new NoopMetricExporter()).setInterval(Duration.ofHours(1)).build())
              .build())
          .setLoggerProvider(SdkLoggerProvider.builder()
              .addLogRecordProcessor(BatchLogRecordProcessor.builder(new NoopLogRecordExporter()).build())
              .build())
          .build();
    }
    Map<Kind, Counts> built = Registry.scopeCounts(everyKind);
    for (Kind kind : SDK_KINDS) {
      assertThat(built.get(kind).created()).as(kind + " created").isEqualTo(1);
      assertThat(built.get(kind).live()).as(kind + " live").isEqualTo(1);
    }
    assertThat(built.get(Kind.BatchSpanProcessor).liveThreads()).isEqualTo(1);
    assertThat(built.get(Kind.BatchLogRecordProcessor).liveThreads()).isEqualTo(1);
    // a periodic reader owns a scheduler thread and an export worker
    assertThat(built.get(Kind.PeriodicMetricReader).liveThreads()).isEqualTo(2);
    assertThat(built.get(Kind.SdkTracerProvider).liveThreads()).isZero();
    for (Kind kind : JDK_KINDS) {
      assertThat(built.get(kind).created()).as(kind + ": the SDK's own threads and scheduler are its components'").isZero();
    }

    sdk.shutdown().join(10, TimeUnit.SECONDS);

    Map<Kind, Counts> after = Registry.scopeCounts(everyKind);
    for (Kind kind : SDK_KINDS) {
      assertThat(after.get(kind).shutdown()).as(kind + " shutdown").isEqualTo(1);
      assertThat(after.get(kind).live()).as(kind + " live after shutdown, threads or not").isZero();
    }
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Map<Kind, Counts> drained = Registry.scopeCounts(everyKind);
      for (Kind kind : SDK_KINDS) {
        assertThat(drained.get(kind).liveThreads()).as(kind + " threads").isZero();
        assertThat(drained.get(kind).draining()).as(kind + " draining").isZero();
      }
    });
  }

  @Test
  void aProcessorShutDownWhileItsWorkerLingersIsDrainingNotLive() {
    BatchSpanProcessor p;
    ScopeContext draining = Scopes.open("draining");
    try (draining) {
      // the worker sleeps up to the schedule delay after shutdown: a long delay keeps it visibly alive
      p = BatchSpanProcessor.builder(new NoopSpanExporter()).setScheduleDelay(Duration.ofSeconds(3)).build();
    }
    p.shutdown();

    Counts c = Registry.scopeCounts(draining).get(Kind.BatchSpanProcessor);
    assertThat(c.live()).isZero();
    assertThat(c.shutdown()).isEqualTo(1);
    assertThat(c.liveThreads()).isEqualTo(1);
    assertThat(c.draining()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(15)).until(() -> Registry.scopeCounts(draining).get(Kind.BatchSpanProcessor).liveThreads() == 0);
  }

  @Test
  void shutdownTwiceAndCloseCountOnce() {
    SdkTracerProvider provider;
    ScopeContext twice = Scopes.open("twice");
    try (twice) {
      provider = SdkTracerProvider.builder().build();
    }
    provider.shutdown().join(5, TimeUnit.SECONDS);
    provider.shutdown().join(5, TimeUnit.SECONDS);
    provider.close();

    assertThat(Registry.scopeCounts(twice).get(Kind.SdkTracerProvider).shutdown()).isEqualTo(1);
  }
}
