package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.leakgate.reports.model.Kinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @LeakCheck} on the JDK's thread-owning kinds: a test that leaves a pool, a scheduler, a
 * fork-join pool, a timer, a thread or an HTTP client live fails naming the kind, the count, the
 * creating line and what to do; its twin that shuts it down passes, and so do tests whose threads are
 * process-wide or another component's; one test at a time and in parallel (8 threads); a leak is
 * charged to the test that made it, never to later tests; {@code kinds} narrows the check.
 */
class JdkKindsTest {
  private static final Map<String, String> LEAKS = Map.of(
      "leaksAPool", "ThreadPoolExecutor",
      "leaksAScheduler", "ThreadPoolExecutor",
      "leaksAForkJoinPool", "ForkJoinPool",
      "leaksATimer", "Timer",
      "leaksAThread", "Thread",
      "leaksAnHttpClient", "HttpClient");

  @Test
  void eachLeakedKindFailsItsTestNamingTheLineAndTheTwinsPassOneTestAtATime() {
    check(TestKit.run(Map.of(), selectClass(JdkKindsCase.class)));
  }

  @Test
  void eachLeakedKindFailsItsTestNamingTheLineAndTheTwinsPassInParallel() {
    check(TestKit.run(TestKit.mode(TestKit.IN_PARALLEL), selectClass(JdkKindsCase.class)));
  }

  @Test
  void aThreadLeftRunningIsItsTestsLeakNotTheLaterTestsDuringWhichItBuildsAPoolAndEveryTestRuns() {
    EngineExecutionResults results = TestKit.run(Map.of(), selectClass(NoCascadeCase.class));

    assertThat(TestKit.failed(results)).containsExactly("leavesAThreadThatBuildsAPoolLater");
    assertThat(TestKit.succeeded(results)).containsExactlyInAnyOrder("runsWhileThatThreadBuildsItsPool", "runsAfterwards");
    assertThat(TestKit.failureOf(results, "leavesAThreadThatBuildsAPoolLater"))
        .hasMessage("LeakGate: the test left 1 Thread live created at dev.leakgate.junit.NoCascadeCase.leavesAThreadThatBuildsAPoolLater("
            + "NoCascadeCase.java:" + TestKit.lineOf("NoCascadeCase.java", "// LEAK") + "); " + Kinds.advice("Thread"));
  }

  @Test
  void aPoolBuiltInBeforeAllAndNotShutDownInAfterAllFailsTheClassNamingTheLine() {
    EngineExecutionResults leaves = TestKit.run(Map.of(), selectClass(ClassScopePoolCases.LeavesItsPool.class));
    ClassScopePoolCases.LeavesItsPool.pool.shutdownNow();
    EngineExecutionResults shuts = TestKit.run(Map.of(), selectClass(ClassScopePoolCases.ShutsItsPoolDown.class));

    assertThat(TestKit.failed(leaves)).isEmpty();
    assertThat(TestKit.classFailure(leaves)).hasMessage("LeakGate: the test class left 1 ThreadPoolExecutor live created at "
        + "dev.leakgate.junit.ClassScopePoolCases$LeavesItsPool.buildThePool(ClassScopePoolCases.java:"
        + TestKit.lineOf("ClassScopePoolCases.java", "// CLASS-LEAK") + "); " + Kinds.advice("ThreadPoolExecutor"));
    assertThat(shuts.containerEvents().failed().count()).isZero();
    assertThat(TestKit.succeeded(shuts)).containsExactly("usesThePool");
  }

  @Test
  void theKindsKeyNarrowsTheCheckToKindsAndGroups() {
    EngineExecutionResults openTelemetryOnly = TestKit.run(Map.of("leakgate.junit.kinds", "opentelemetry"),
        selectMethod(JdkKindsCase.class, "leaksAPool"), selectMethod(JdkKindsCase.class, "leaksATimer"));
    EngineExecutionResults timersOnly = TestKit.run(Map.of("leakgate.junit.kinds", " timer "),
        selectMethod(JdkKindsCase.class, "leaksAPool"), selectMethod(JdkKindsCase.class, "leaksATimer"));
    EngineExecutionResults jdkOnly = TestKit.run(Map.of("leakgate.junit.kinds", "JDK"),
        selectMethod(JdkKindsCase.class, "leaksAPool"), selectMethod(JdkKindsCase.class, "leaksATimer"));

    assertThat(TestKit.succeeded(openTelemetryOnly)).containsExactlyInAnyOrder("leaksAPool", "leaksATimer");
    assertThat(TestKit.failed(timersOnly)).containsExactly("leaksATimer");
    assertThat(TestKit.succeeded(timersOnly)).containsExactly("leaksAPool");
    assertThat(TestKit.failed(jdkOnly)).containsExactlyInAnyOrder("leaksAPool", "leaksATimer");
  }

  @Test
  void aBadKindsValueFailsTheClassNamingTheKeyAndTheKnownKinds() {
    EngineExecutionResults results = TestKit.run(Map.of("leakgate.junit.kinds", "pools"), selectMethod(JdkKindsCase.class, "leaksAPool"));

    assertThat(TestKit.classFailure(results))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("LeakGate: leakgate.junit.kinds = \"pools\" is not allowed: expected kinds or groups, any case"
            + " (groups: opentelemetry, jdk; kinds: " + String.join(", ", Kinds.KNOWN) + ")");
  }

  private static void check(EngineExecutionResults results) {
    assertThat(TestKit.failed(results)).isEqualTo(new java.util.TreeSet<>(LEAKS.keySet()));
    for (Map.Entry<String, String> leak : LEAKS.entrySet()) {
      String method = leak.getKey();
      String kind = leak.getValue();
      assertThat(TestKit.failureOf(results, method)).as(method)
          .hasMessage("LeakGate: the test left 1 " + kind + " live created at dev.leakgate.junit.JdkKindsCase." + method
              + "(JdkKindsCase.java:" + leakLine(method) + "); " + Kinds.advice(kind));
    }
    Set<String> passing = Set.of("shutsThePoolDown", "shutsTheSchedulerDown", "shutsTheForkJoinPoolDown", "cancelsTheTimer",
        "joinsTheThread", "startsTheWorkersOfAPoolInAStaticField", "usesTheCommonPool", "runsUnderJUnitsTimeoutWatcher",
        "leavesAPoolWhereOnlyOpenTelemetryIsChecked");
    assertThat(TestKit.succeeded(results)).containsAll(passing);
    if (Runtime.version().feature() >= 21) {
      assertThat(TestKit.succeeded(results)).contains("closesTheHttpClient");
    }
  }

  /** The line ending with "// LEAK" in the body of {@code method} of JdkKindsCase. */
  private static int leakLine(String method) {
    try {
      List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/leakgate/junit/JdkKindsCase.java"));
      int start = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(" void " + method + "(")) {
          start = i;
        }
        if (start >= 0 && lines.get(i).endsWith("// LEAK")) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no // LEAK line in " + method);
  }
}
