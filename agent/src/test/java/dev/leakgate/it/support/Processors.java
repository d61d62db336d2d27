package dev.leakgate.it.support;

import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.it.samples.NoopSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Real batch span processors built by a test (on any thread), shut down when it ends. */
public final class Processors {
  private final Queue<BatchSpanProcessor> built = new ConcurrentLinkedQueue<>();

  /** Builds one processor (its worker thread starts) and keeps it until {@link #shutDownAll}. */
  public void build() {
    built.add(BatchSpanProcessor.builder(new NoopSpanExporter()).build());
  }

  /** Shuts down every processor built so far. */
  public void shutDownAll() {
    BatchSpanProcessor p;
    while ((p = built.poll()) != null) {
      p.shutdown();
    }
  }

  /** Batch span processors that belong to {@code scope}: built in it or in work that carried it. */
  public static long builtIn(ScopeContext scope) {
    return Registry.scopeCounts(scope).get(Kind.BatchSpanProcessor).created();
  }
}
