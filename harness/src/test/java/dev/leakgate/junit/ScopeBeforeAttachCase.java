package dev.leakgate.junit;

import dev.leakgate.api.LeakGate;
import dev.leakgate.api.Scope;
import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subject of {@link ScopeBeforeAttachTest}: a {@code @BeforeAll} that opens a LeakGate scope (as a
 * service started for the class would) runs before the extension attaches the agent; the test leaks.
 */
@LeakCheck
@RunByTestKitOnly
class ScopeBeforeAttachCase {
  static final String LEAKING_LINE = "// the leaking line";

  @BeforeAll
  static void startsAServiceInItsOwnScope() {
    Scope startUp = LeakGate.scope("service start-up");
    startUp.close();
  }

  @Test
  void leaksOneProcessor() {
    BatchSpanProcessor.builder(new DiscardingSpanExporter()).build(); // the leaking line
  }
}
