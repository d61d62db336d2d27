package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link LeakMeter}'s API as users call it, and where it runs the calls (subject: {@link MeterCase}). */
class LeakMeterTest {

  private static EngineExecutionResults run(String method) {
    return TestKit.run(Map.of(), selectMethod(MeterCase.class, method, LeakMeter.class.getName()));
  }

  /** The failures, with their messages, so that a red run says why. */
  private static List<String> failures(EngineExecutionResults results) {
    return results.testEvents().failed().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().map(String::valueOf).orElse("no throwable"))
        .toList();
  }

  @Test
  void voidAndValueReturningRequestsAreMeasuredAlike() {
    EngineExecutionResults results = run("measuresVoidAndValueRequests");

    assertThat(failures(results)).isEmpty();
    assertThat(TestKit.succeeded(results)).containsExactly("measuresVoidAndValueRequests");
  }

  @Test
  void atConcurrencyOneTheCallsRunOnTheTestThreadWithItsThreadLocals() {
    EngineExecutionResults results = run("measuresOnTheTestThread");

    assertThat(failures(results)).isEmpty();
    assertThat(TestKit.succeeded(results)).containsExactly("measuresOnTheTestThread");
  }

  @Test
  void aboveConcurrencyOneTheCallsRunOnAPoolAndStillCountForTheTest() {
    EngineExecutionResults results = run("measuresAboveConcurrencyOneOnAPool");

    assertThat(failures(results)).isEmpty();
    assertThat(TestKit.succeeded(results)).containsExactly("measuresAboveConcurrencyOneOnAPool");
  }
}
