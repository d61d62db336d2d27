package dev.leakgate.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.agent.registry.Kind;
import dev.leakgate.reports.model.Kinds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The agent's kinds and the report model's one list of kind names stay in step. */
class KindNamesTest {

  @Test
  void everyKindTheAgentRecordsIsAKindTheGateAccepts() {
    assertThat(Arrays.stream(Kind.values()).map(Kind::name))
        .as("a kind the agent records but --max-live / maxLive would refuse: add it to Kinds.KNOWN")
        .allMatch(Kinds::isKnown);
  }
}
