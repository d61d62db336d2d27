package dev.leakgate.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Issue 16: with JUnit's parallel execution (8 threads), every component built by work a test hands
 * to the common pool (all elements of a parallel stream, a {@code runAsync}) or to a scheduler counts
 * for that test: each leaking test is told exactly its four. Runs the subject a few times in this JVM;
 * the first run's tests open the JVM's first scopes (Surefire gives this class a fresh JVM), the
 * shape in which parallel tests lost part of their work before issue 16.
 */
class ParallelWorkTest {
  /** Before issue 16 some of these were missed only in some runs. */
  private static final int RUNS = 3;
  private static final List<String> LEAKING = List.of("parallelStreamBuildsFour", "runAsyncBuildsFour", "scheduledTaskBuildsFour");

  @Test
  void eachParallelTestIsToldTheFourItLeftThroughThePoolsItUsed() {
    String line = "dev.leakgate.junit.ParallelWorkCase.build(ParallelWorkCase.java:"
        + TestKit.lineOf("ParallelWorkCase.java", ParallelWorkCase.LEAK_LINE) + ")";
    SoftAssertions soft = new SoftAssertions();
    for (int run = 1; run <= RUNS; run++) {
      EngineExecutionResults results = TestKit.run(TestKit.mode(TestKit.IN_PARALLEL), selectClass(ParallelWorkCase.class));

      soft.assertThat(TestKit.failed(results)).as("run %d: failed", run).containsExactlyInAnyOrderElementsOf(LEAKING);
      soft.assertThat(TestKit.succeeded(results)).as("run %d: passed", run).containsExactly("sameHopsBuildNothing");
      for (String test : LEAKING) {
        if (TestKit.failed(results).contains(test)) {
          soft.assertThat(TestKit.failureOf(results, test)).as("run %d: %s", run, test)
              .hasMessageStartingWith("LeakGate: the test left 4 BatchSpanProcessor live created at " + line);
        }
      }
    }
    soft.assertAll();
  }
}
