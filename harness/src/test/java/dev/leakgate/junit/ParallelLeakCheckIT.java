package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakgate.internal.probe.AgentInstaller;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** With the agent on the command line (Failsafe's argLine), as a user's build runs it. */
class ParallelLeakCheckIT {

  @Test
  void leakyAndCleanTestsInParallelFailOnlyTheLeakyOnesWithTheAgentOnTheArgLine() {
    assumeTrue(AgentInstaller.isInstalled(), "runs with -javaagent (Failsafe's argLine)");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ParallelScenario.onlyTheLeakyTestsFail();
    } finally {
      System.setErr(original);
    }

    // the agent came with -javaagent: nothing to attach, nothing to say
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("LeakGate: attached");
  }
}
