package dev.leakgate.junit;

import dev.leakgate.api.LeakGate;
import dev.leakgate.api.Scope;
import dev.leakgate.harness.service.DiscardingSpanExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subject of {@link LeakCheckExtensionTest}: a leak after more scopes than any table of names would hold. */
@LeakCheck
@RunByTestKitOnly
class ManyScopesCase {
  static final int SCOPES = 12_000;

  @BeforeAll
  @SuppressWarnings("try") // each scope is opened and closed for its effect, as a service's requests do
  static void openAndCloseManyScopes() {
    for (int i = 0; i < SCOPES; i++) {
      try (Scope s = LeakGate.scope("request-" + i)) {
        // a service's requests: each opens and closes its scope
      }
    }
  }

  @Test
  void leaksOneAfterManyScopes() {
    BatchSpanProcessor.builder(new DiscardingSpanExporter()).build();
  }
}
