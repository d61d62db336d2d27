package dev.leakgate.harness.service;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** How one variant gives the parts of a {@code createAgent} call their telemetry. */
abstract class TelemetryWiring implements AutoCloseable {
  /** Long enough for a batch processor to flush to the discarding exporter; bounded so stop never hangs. */
  static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  final DiscardingSpanExporter exporter;
  final TelemetryCounter counter;

  TelemetryWiring(DiscardingSpanExporter exporter, TelemetryCounter counter) {
    this.exporter = exporter;
    this.counter = counter;
  }

  /** The wiring for a variant; {@code fixed} builds its SDK here, at service start. */
  static TelemetryWiring forVariant(Variant variant, DiscardingSpanExporter exporter, TelemetryCounter counter) {
    switch (variant) {
      case LEAKY:
        return new Leaky(exporter, counter);
      case FIXED:
        return new Fixed(exporter, counter);
      case RACY:
        return new Racy(exporter, counter);
      case PER_THREAD:
        return new PerThread(exporter, counter);
      case CHURN:
        return new Churn(exporter, counter);
      default:
        throw new IllegalArgumentException("No wiring for variant " + variant);
    }
  }

  /** The parts for one call; the caller closes them when the call ends. */
  abstract CrewParts openCall();

  /** Shuts down every telemetry component this wiring still owns. */
  @Override
  public abstract void close();

  void shutDown(SdkTracerProvider provider) {
    provider.shutdown().join(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    counter.shutDown();
  }

  /** Each part builds its own provider in its own constructor (the culprit lines); nothing is kept to close. */
  static final class Leaky extends TelemetryWiring {
    Leaky(DiscardingSpanExporter exporter, TelemetryCounter counter) {
      super(exporter, counter);
    }

    @Override
    CrewParts openCall() {
      return new CrewParts() {
        @Override
        public Agent agent(String agentId) {
          return new Agent(agentId, exporter, counter);
        }

        @Override
        public Task task(String description) {
          return new Task(description, exporter, counter);
        }

        @Override
        public Crew crew(Agent agent, Task task) {
          return new Crew(agent, task, exporter, counter);
        }

        @Override
        public LlmClient llmClient() {
          return new LlmClient(exporter, counter);
        }

        @Override
        public void close() {
          // the bug: the four processors outlive the call and nobody holds them any more
        }
      };
    }

    /** Leaves the per-request processors running, as the real buggy service would. */
    @Override
    public void close() {}
  }

  /** One SDK built at start-up and injected into every call; closed at stop. */
  static final class Fixed extends TelemetryWiring {
    private final OpenTelemetrySdk sdk;
    private boolean closed;

    Fixed(DiscardingSpanExporter exporter, TelemetryCounter counter) {
      super(exporter, counter);
      this.sdk =
          OpenTelemetrySdk.builder()
              .setTracerProvider(
                  SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build())
              .build();
      counter.built();
    }

    @Override
    CrewParts openCall() {
      return new TracedCrewParts(sdk.getTracerProvider());
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        sdk.shutdown().join(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        counter.shutDown();
      }
    }
  }

  /** A lazily built singleton whose check-then-act is deliberately unsynchronised. */
  static final class Racy extends TelemetryWiring {
    /** Stands for reading configuration; it widens the window between check and act so the race shows. */
    static final Duration SIMULATED_CONFIG_LOAD = Duration.ofMillis(50);

    // deliberately neither volatile nor guarded: that is the bug this variant reproduces
    private SdkTracerProvider instance;
    // the real service would lose the overwritten duplicates; they are kept only so close() can end them
    private final Queue<SdkTracerProvider> everyBuilt = new ConcurrentLinkedQueue<>();

    Racy(DiscardingSpanExporter exporter, TelemetryCounter counter) {
      super(exporter, counter);
    }

    @Override
    CrewParts openCall() {
      return new TracedCrewParts(instance());
    }

    private SdkTracerProvider instance() {
      if (instance == null) {
        loadConfiguration();
        SdkTracerProvider built = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
        counter.built();
        everyBuilt.add(built);
        instance = built;
      }
      return instance;
    }

    private static void loadConfiguration() {
      try {
        Thread.sleep(SIMULATED_CONFIG_LOAD.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      for (SdkTracerProvider provider; (provider = everyBuilt.poll()) != null; ) {
        shutDown(provider);
      }
    }
  }

  /** One provider per pool thread, built on the thread's first call. */
  static final class PerThread extends TelemetryWiring {
    private final Queue<SdkTracerProvider> everyBuilt = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<SdkTracerProvider> perThread = ThreadLocal.withInitial(this::buildForThisThread);

    PerThread(DiscardingSpanExporter exporter, TelemetryCounter counter) {
      super(exporter, counter);
    }

    private SdkTracerProvider buildForThisThread() {
      SdkTracerProvider built = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
      counter.built();
      everyBuilt.add(built);
      return built;
    }

    @Override
    CrewParts openCall() {
      return new TracedCrewParts(perThread.get());
    }

    @Override
    public void close() {
      for (SdkTracerProvider provider; (provider = everyBuilt.poll()) != null; ) {
        shutDown(provider);
      }
    }
  }

  /** A provider per call, shut down when the call ends: wasteful, not leaking. */
  static final class Churn extends TelemetryWiring {
    Churn(DiscardingSpanExporter exporter, TelemetryCounter counter) {
      super(exporter, counter);
    }

    @Override
    CrewParts openCall() {
      SdkTracerProvider perCall = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
      counter.built();
      return new TracedCrewParts(perCall, () -> shutDown(perCall));
    }

    /** Nothing to do: every call already shut its own provider down. */
    @Override
    public void close() {}
  }
}
