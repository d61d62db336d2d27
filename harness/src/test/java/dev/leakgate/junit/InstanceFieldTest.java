package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Issue 16: a test's scope opens before JUnit builds the test instance, so telemetry a field
 * initialiser builds and nobody closes fails the test(s) it belongs to, naming the line; closed, it
 * passes. Per test (each test fails) and per class (the class fails), one test at a time and in parallel.
 */
class InstanceFieldTest {
  private static final String HANDLER = "dev.leakgate.junit.InstanceFieldCase$Handler.<init>(InstanceFieldCase.java:"
      + TestKit.lineOf("InstanceFieldCase.java", InstanceFieldCase.HANDLER_LINE) + ")";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {TestKit.ONE_AT_A_TIME, TestKit.IN_PARALLEL})
  void aHandlerFieldBuiltPerTestAndNeverClosedFailsEveryTestNamingItsConstructor(String mode) {
    EngineExecutionResults results = TestKit.run(TestKit.mode(mode), selectClass(InstanceFieldCase.PerTestLeaking.class));

    assertThat(TestKit.failed(results)).containsExactly("firstRequest", "secondRequest");
    for (String test : List.of("firstRequest", "secondRequest")) {
      assertThat(TestKit.failureOf(results, test))
          .hasMessageStartingWith("LeakGate: the test left 1 BatchSpanProcessor live created at " + HANDLER);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {TestKit.ONE_AT_A_TIME, TestKit.IN_PARALLEL})
  void theEnclosingInstanceBuiltForANestedTestIsThatTests(String mode) {
    EngineExecutionResults results = TestKit.run(TestKit.mode(mode), selectClass(InstanceFieldCase.EnclosingLeaking.class));

    assertThat(TestKit.failureOf(results, "nestedRequest"))
        .hasMessageStartingWith("LeakGate: the test left 1 BatchSpanProcessor live created at " + HANDLER);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {TestKit.ONE_AT_A_TIME, TestKit.IN_PARALLEL})
  void aHandlerFieldBuiltPerTestAndClosedPasses(String mode) {
    EngineExecutionResults results = TestKit.run(TestKit.mode(mode), selectClass(InstanceFieldCase.PerTestClosed.class));

    assertThat(TestKit.failed(results)).isEmpty();
    assertThat(TestKit.succeeded(results)).containsExactly("firstRequest", "secondRequest");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {TestKit.ONE_AT_A_TIME, TestKit.IN_PARALLEL})
  void aHandlerFieldBuiltOncePerClassAndNeverClosedFailsTheClassNamingItsConstructor(String mode) {
    EngineExecutionResults results = TestKit.run(TestKit.mode(mode), selectClass(InstanceFieldCase.PerClassLeaking.class));

    assertThat(TestKit.succeeded(results)).as("the tests: the handler is the class's").containsExactly("firstRequest", "secondRequest");
    assertThat(TestKit.containerFailures(results)).as("failed containers").hasSize(1);
    assertThat(TestKit.containerFailures(results).get(0))
        .hasMessageContaining("LeakGate:")
        .hasMessageContaining("1 BatchSpanProcessor live created at " + HANDLER);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {TestKit.ONE_AT_A_TIME, TestKit.IN_PARALLEL})
  void aHandlerFieldBuiltOncePerClassAndClosedPasses(String mode) {
    EngineExecutionResults results = TestKit.run(TestKit.mode(mode), selectClass(InstanceFieldCase.PerClassClosed.class));

    assertThat(TestKit.succeeded(results)).containsExactly("firstRequest", "secondRequest");
    assertThat(TestKit.containerFailures(results)).as("failed containers").isEmpty();
  }
}
