package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.leakgate.reports.gate.Gate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

/** The extension in a JVM started without the agent (Surefire): it attaches, then checks each test. */
class LeakCheckExtensionTest {

  private static EngineExecutionResults run(String method) {
    return run(Map.of(), method);
  }

  private static EngineExecutionResults run(Map<String, String> config, String method) {
    String parameters = method.startsWith("measures") ? LeakMeter.class.getName() : "";
    return TestKit.run(config, selectMethod(LeakyCase.class, method, parameters));
  }

  @Test
  void aLeakingTestFailsNamingKindCountCreatingLineAndHint() {
    EngineExecutionResults results = run("leavesFourProcessors");

    int line = TestKit.lineOf("LeakyCase.java", LeakyCase.CREATING_LINE);
    assertThat(TestKit.failureOf(results, "leavesFourProcessors"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("LeakGate: the test left 4 BatchSpanProcessor live created at "
            + "dev.leakgate.junit.LeakyCase.handle(LeakyCase.java:" + line + ") and 1 SdkTracerProvider live created at "
            + "dev.leakgate.junit.LeakyCase.handle(LeakyCase.java:")
        .hasMessageEndingWith("; build telemetry once at start-up; shut down what you build");
  }

  @Test
  void aTestThatShutsDownWhatItBuildsPasses() {
    EngineExecutionResults results = run("buildsAndShutsDown");

    assertThat(TestKit.succeeded(results)).containsExactly("buildsAndShutsDown");
    assertThat(TestKit.failed(results)).isEmpty();
  }

  @Test
  void aMethodBudgetOfOneLetsATestLeaveOneButNotTwo() {
    assertThat(TestKit.succeeded(run("leavesOneWithinABudgetOfOne"))).containsExactly("leavesOneWithinABudgetOfOne");

    assertThat(TestKit.failureOf(run("leavesTwoOverABudgetOfOne"), "leavesTwoOverABudgetOfOne"))
        .hasMessageStartingWith("LeakGate: the test left 2 BatchSpanProcessor live (at most 1 allowed) created at "
            + "dev.leakgate.junit.LeakyCase.leavesTwoOverABudgetOfOne(LeakyCase.java:");
  }

  @Test
  void theConfiguredMaxLiveAppliesWhereTheAnnotationLeavesItUnset() {
    EngineExecutionResults results = run(Map.of("leakgate.junit.maxLive", "4"), "leavesFourProcessors");

    assertThat(TestKit.succeeded(results)).containsExactly("leavesFourProcessors");
  }

  @Test
  void theMeterMeasuresFourProcessorsPerRequestAndTheFailureSaysSo() {
    EngineExecutionResults results = run("measuresTheLeakyHandler");

    // the case's own assertions (LEAK, 4.0 per request, culprit) passed: the failure is LeakGate's alone
    Throwable failure = TestKit.failureOf(results, "measuresTheLeakyHandler");
    assertThat(failure.getSuppressed()).isEmpty();
    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("LeakGate: the test left 20 BatchSpanProcessor live (4.0 per request) created at "
            + "dev.leakgate.junit.LeakyCase.handle(LeakyCase.java:" + TestKit.lineOf("LeakyCase.java", LeakyCase.CREATING_LINE) + ")")
        .hasMessageContaining(" and 5 SdkTracerProvider live (1.0 per request) created at ")
        .hasMessageEndingWith("; " + Gate.HINT);
  }

  @Test
  void theMeterOnAHandlerThatShutsDownFindsChurnAndThePassingTestStaysGreen() {
    EngineExecutionResults results = run("measuresAHandlerThatShutsDown");

    assertThat(TestKit.failed(results)).isEmpty();
    assertThat(TestKit.succeeded(results)).containsExactly("measuresAHandlerThatShutsDown");
  }

  @Test
  void failOnChurnFailsAMeasurementThatFindsChurn() {
    EngineExecutionResults results = run(Map.of("leakgate.junit.failOn", "LEAK,CHURN"), "measuresAHandlerThatShutsDown");

    assertThat(TestKit.failureOf(results, "measuresAHandlerThatShutsDown"))
        .hasMessageStartingWith("LeakGate: the per-request measurement found CHURN: 4.0 BatchSpanProcessor created per request created at "
            + "dev.leakgate.junit.LeakyCase.handle(LeakyCase.java:")
        .hasMessageEndingWith("; " + Gate.HINT);
  }

  @Test
  void aBadMaxLiveFailsTheTestNamingTheKeyTheValueAndWhatIsAllowed() {
    EngineExecutionResults results = run(Map.of("leakgate.junit.maxLive", "lots"), "buildsAndShutsDown");

    assertThat(TestKit.failureOf(results, "buildsAndShutsDown"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("LeakGate: leakgate.junit.maxLive = \"lots\" is not allowed: expected a whole number >= 0");
  }

  @Test
  void aBadFailOnFailsTheTestNamingTheKey() {
    EngineExecutionResults results = run(Map.of("leakgate.junit.failOn", "LEAKS"), "buildsAndShutsDown");

    assertThat(TestKit.failureOf(results, "buildsAndShutsDown"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("leakgate.junit.failOn = \"LEAKS\" is not allowed");
  }

  @Test
  void leakyAndCleanTestsInParallelFailOnlyTheLeakyOnes() {
    ParallelScenario.onlyTheLeakyTestsFail();
  }

  @Test
  void aLeakAfterTwelveThousandScopesStillFails() {
    EngineExecutionResults results = TestKit.run(Map.of(), org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(ManyScopesCase.class));

    assertThat(TestKit.failureOf(results, "leaksOneAfterManyScopes"))
        .hasMessageStartingWith("LeakGate: the test left 1 BatchSpanProcessor live created at "
            + "dev.leakgate.junit.ManyScopesCase.leaksOneAfterManyScopes(ManyScopesCase.java:");
  }
}
