package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Wherever a test hands its work (a pool, a future, a thread, a stream, a timer, a handler scope), a
 * leak there fails the test naming the creating line, and churn and clean twins pass: run one test at
 * a time, and with JUnit's parallel execution (classes and methods concurrent, 8 threads).
 */
class HopSuiteTest {
  /** Runs of each mode; harness/stress/hop-suite.sh raises it. */
  private static final int REPEATS = Integer.getInteger("leakgate.hop.repeats", 1);

  @Test
  void everyHopIsFollowedRunningOneTestAtATime() {
    repeat(TestKit.ONE_AT_A_TIME, TestKit.mode(TestKit.ONE_AT_A_TIME));
  }

  @Test
  void everyHopIsFollowedWithParallelExecution() {
    repeat(TestKit.IN_PARALLEL, TestKit.mode(TestKit.IN_PARALLEL));
  }

  private static void repeat(String mode, Map<String, String> config) {
    int failedRuns = 0;
    AssertionError first = null;
    for (int i = 0; i < REPEATS; i++) {
      try {
        check(TestKit.run(config, selectClass(HopCase.class)));
      } catch (AssertionError e) {
        failedRuns++;
        first = first == null ? e : first;
      }
    }
    System.out.println("hop suite, " + mode + ": runs " + REPEATS + ", runs with a miss or a false failure " + failedRuns);
    if (first != null) {
      throw first;
    }
  }

  private static void check(EngineExecutionResults results) {
    Set<String> hops = expectedHops();
    String line = "dev.leakgate.junit.HopCase.buildFour(HopCase.java:" + TestKit.lineOf("HopCase.java", HopCase.LEAK_LINE) + ")";
    Set<String> leaksCaught = new TreeSet<>();
    for (Event e : results.testEvents().failed().list()) {
      String test = name(e);
      Throwable failure = e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
      assertThat(test).as("only the leaking tests fail; %s failed with %s", test, failure).startsWith("leaksFour ");
      assertThat(failure).as(test).hasMessageStartingWith("LeakGate: the test left 4 BatchSpanProcessor live created at " + line);
      leaksCaught.add(test.substring("leaksFour ".length()));
    }
    assertThat(leaksCaught).as("leaks caught").isEqualTo(hops);
    Set<String> passed = results.testEvents().succeeded().list().stream().map(HopSuiteTest::name).collect(Collectors.toCollection(TreeSet::new));
    for (String hop : hops) {
      assertThat(passed).as("twins that pass").contains("churnsFour " + hop, "buildsNothing " + hop);
    }
  }

  /** Every hop but the virtual thread before JDK 21 (its tests are skipped there). */
  private static Set<String> expectedHops() {
    Set<String> hops = new TreeSet<>();
    for (HopCase.Hop hop : HopCase.Hop.values()) {
      if (hop != HopCase.Hop.VIRTUAL_THREAD || Runtime.version().feature() >= 21) {
        hops.add(hop.name());
      }
    }
    return hops;
  }

  /** "method HOP" from an invocation of a parameterised test. */
  private static String name(Event e) {
    String method = e.getTestDescriptor().getUniqueId().getSegments().stream()
        .filter(s -> s.getType().equals("test-template"))
        .map(s -> s.getValue().substring(0, s.getValue().indexOf('(')))
        .findFirst().orElse("?");
    return method + " " + e.getTestDescriptor().getDisplayName();
  }
}
