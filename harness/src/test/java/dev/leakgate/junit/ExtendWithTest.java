package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link LeakCheckExtension} registered by name, as users do without {@link LeakCheck} (subject: {@link ExtendWithCase}). */
class ExtendWithTest {

  @Test
  void registeredWithExtendWithTheExtensionChecksWithTheConfiguredDefaults() {
    EngineExecutionResults results = TestKit.run(Map.of(), selectMethod(ExtendWithCase.class, "leavesOneProcessor"));

    assertThat(TestKit.failureOf(results, "leavesOneProcessor"))
        .hasMessageStartingWith("LeakGate: the test left 1 BatchSpanProcessor live created at "
            + "dev.leakgate.junit.ExtendWithCase.leavesOneProcessor(ExtendWithCase.java:");
    assertThat(TestKit.succeeded(TestKit.run(Map.of("leakgate.junit.maxLive", "1"), selectMethod(ExtendWithCase.class, "leavesOneProcessor"))))
        .containsExactly("leavesOneProcessor");
  }
}
