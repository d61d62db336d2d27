package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.leakgate.internal.probe.AgentInstaller;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without -javaagent (Surefire here) the extension attaches the agent itself and says so once. */
class SelfAttachTest {
  private static final String ATTACHED = "LeakGate: attached the agent to this JVM; add -javaagent:";

  @Test
  void attachesTheAgentAndSaysSoOnce() {
    assumeFalse(AgentInstaller.isInstalled(), "this JVM already runs the agent (Failsafe): nothing to attach");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    try {
      assertThat(TestKit.succeeded(TestKit.run(Map.of(), selectMethod(LeakyCase.class, "buildsAndShutsDown"))))
          .containsExactly("buildsAndShutsDown");
      // a second engine run in the same JVM: the agent is there, nothing more to say
      assertThat(TestKit.failed(TestKit.run(Map.of(), selectMethod(LeakyCase.class, "leavesFourProcessors"))))
          .containsExactly("leavesFourProcessors");
    } finally {
      System.setErr(original);
    }

    String err = captured.toString(StandardCharsets.UTF_8);
    assertThat(AgentInstaller.isInstalled()).isTrue();
    assertThat(err.split(java.util.regex.Pattern.quote(ATTACHED), -1)).hasSize(2);
    assertThat(err).contains(ATTACHED + AgentInstaller.agentJar() + " to Surefire's argLine to skip the attach");
  }

  /** Writes to the real stderr and to a buffer, so the test's own output stays visible. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
