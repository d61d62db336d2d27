package dev.leakgate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentArgLineTest {

  private static final Path JAR = Path.of("/repo/dev/leakgate/leakgate-agent/1.0/leakgate-agent-1.0.jar");
  private static final Path REPORTS = Path.of("/work/app/target/leakgate");

  @Test
  void theAgentWritesOneQuietReportPerJvmIntoTheFolder() {
    assertThat(AgentArgLine.agentArgument(JAR, REPORTS, null))
        .isEqualTo("-javaagent:" + JAR + "=log=quiet,report=/work/app/target/leakgate/");
  }

  @Test
  void moreAgentOptionsFollowTheReportFolder() {
    assertThat(AgentArgLine.agentArgument(JAR, REPORTS, " sdkPackage=com.acme.shaded.io.opentelemetry.sdk "))
        .endsWith("report=/work/app/target/leakgate/,sdkPackage=com.acme.shaded.io.opentelemetry.sdk");
  }

  @Test
  void aPathWithASpaceIsQuotedSoSurefireKeepsItWhole() {
    assertThat(AgentArgLine.agentArgument(JAR, Path.of("/work/my app/target/leakgate"), null))
        .startsWith("\"-javaagent:")
        .endsWith("report=/work/my app/target/leakgate/\"");
  }

  @Test
  void aCommaOrAPercentInTheFolderIsEscapedSoTheAgentReadsOneFolder() {
    assertThat(AgentArgLine.agentArgument(JAR, Path.of("/ci/jobs/feature,x/%2Fmain/target/leakgate"), null))
        .isEqualTo("-javaagent:" + JAR + "=log=quiet,report=/ci/jobs/feature%,x/%%2Fmain/target/leakgate/");
  }

  @Test
  void theUsersOwnArgLineIsKeptInFront() {
    assertThat(AgentArgLine.append("-Xmx512m -Dfoo=bar", "-javaagent:a.jar"))
        .isEqualTo("-Xmx512m -Dfoo=bar -javaagent:a.jar");
    assertThat(AgentArgLine.append(null, "-javaagent:a.jar")).isEqualTo("-javaagent:a.jar");
    assertThat(AgentArgLine.append("  ", "-javaagent:a.jar")).isEqualTo("-javaagent:a.jar");
  }

  @Test
  void aSecondRunReplacesTheEarlierAgentInsteadOfAddingAnother() {
    String first = AgentArgLine.append("-Xmx512m", AgentArgLine.agentArgument(JAR, REPORTS, null));
    String quoted = AgentArgLine.agentArgument(JAR, Path.of("/my app/target/leakgate"), null);

    assertThat(AgentArgLine.append(first, AgentArgLine.agentArgument(JAR, REPORTS, null))).isEqualTo(first);
    assertThat(AgentArgLine.append("-Xmx512m " + quoted + " -Dx=1", "-javaagent:new.jar"))
        .isEqualTo("-Xmx512m -Dx=1 -javaagent:new.jar");
  }

  @Test
  void otherAgentsStay() {
    assertThat(AgentArgLine.append("-javaagent:/m2/org/jacoco/jacoco-agent.jar=destfile=x", "-javaagent:a.jar"))
        .isEqualTo("-javaagent:/m2/org/jacoco/jacoco-agent.jar=destfile=x -javaagent:a.jar");
  }
}
