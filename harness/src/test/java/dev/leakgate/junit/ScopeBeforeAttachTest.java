package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.leakgate.api.LeakGate;
import dev.leakgate.api.Scope;
import dev.leakgate.internal.probe.AgentInstaller;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Issue 9: a scope opened before the extension attaches the agent (a {@code @BeforeAll}, or anything
 * earlier in the JVM) must not split LeakGate in two copies that silently pass every leaking test.
 * Needs a JVM without the agent: Surefire's (a fresh JVM per class, no -javaagent).
 */
class ScopeBeforeAttachTest {

  @Test
  void aLeakingTestFailsWhenAScopeWasOpenedBeforeTheAgentWasAttached() {
    assumeFalse(AgentInstaller.isInstalled(), "this JVM already runs the agent (Failsafe): nothing is attached later");
    Scope early = LeakGate.scope("before the extension");
    early.close();
    assertThat(AgentInstaller.isInstalled()).as("the agent is still absent when the first scope opens").isFalse();

    EngineExecutionResults results = TestKit.run(Map.of(), selectClass(ScopeBeforeAttachCase.class));

    assertThat(AgentInstaller.isInstalled()).as("the extension attached the agent").isTrue();
    assertThat(TestKit.failed(results)).containsExactly("leaksOneProcessor");
    int line = TestKit.lineOf("ScopeBeforeAttachCase.java", ScopeBeforeAttachCase.LEAKING_LINE);
    assertThat(TestKit.failureOf(results, "leaksOneProcessor"))
        .hasMessageContaining("the test left 1 BatchSpanProcessor live")
        .hasMessageContaining("ScopeBeforeAttachCase.leaksOneProcessor(ScopeBeforeAttachCase.java:" + line + ")");
  }
}
