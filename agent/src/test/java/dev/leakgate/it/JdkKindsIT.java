package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakgate.it.samples.JdkKindsWorkload;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDK's thread-owning kinds on JDK 17 and 25, each in its own scope, leaked and shut down: thread
 * pools (the executors' wrappers too), fork-join pools, timers, HTTP clients and threads are counted
 * with their threads at the creating line; a pool's workers are the pool's, started on demand in any
 * scope; what is process-wide (a static field's pool, the common pool, the JDK's own threads) counts
 * for no scope and is listed apart.
 */
class JdkKindsIT {
  private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @ParameterizedTest
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void eachJdkKindIsCountedLeakedOrShutDownAndProcessWideOnesCountForNoScope(String jdk) throws Exception {
    ForkedJvm.Result result = jvm(jdk)
        .classpath(System.getProperty("leakgate.test.classes"))
        .agent("log=quiet")
        .run(JdkKindsWorkload.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    Map<String, String> scenarios = scenarios(result.out());
    String workload = "dev.leakgate.it.samples.JdkKindsWorkload.";
    // created/shutdown/live/liveThreads, in the scenario's own scope
    assertThat(scenarios.get("fixedPoolLeaked")).isEqualTo("ThreadPoolExecutor 1/0/1/2 at " + workload
        + "lambda$run$2(JdkKindsWorkload.java:" + SourceLines.lineOf(JdkKindsWorkload.class, "POOL-LINE") + ")");
    assertThat(scenarios.get("fixedPoolShutDown")).startsWith("ThreadPoolExecutor 1/1/0/0 at ");
    assertThat(scenarios.get("scheduledLeaked")).startsWith("ThreadPoolExecutor 1/0/1/1 at ");
    assertThat(scenarios.get("singleThreadExecutorShutDown")).startsWith("ThreadPoolExecutor 1/1/0/0 at ");
    assertThat(scenarios.get("forkJoinLeaked")).startsWith("ForkJoinPool 1/0/1/1 at ");
    assertThat(scenarios.get("forkJoinShutDown")).startsWith("ForkJoinPool 1/1/0/0 at ");
    assertThat(scenarios.get("timerLeaked")).startsWith("Timer 1/0/1/1 at ");
    assertThat(scenarios.get("timerCancelled")).startsWith("Timer 1/1/0/0 at ");
    assertThat(scenarios.get("threadJoined")).startsWith("Thread 1/1/0/0 at ");
    assertThat(scenarios.get("threadLeftRunning")).isEqualTo("Thread 1/0/1/1 at " + workload
        + "lambda$run$20(JdkKindsWorkload.java:" + SourceLines.lineOf(JdkKindsWorkload.class, "THREAD-LINE") + ")");
    assertThat(result.out()).contains("liveThreadsStartedIn threadLeftRunning 1\n",
        "liveThreadsStartedIn threadLeftRunning after it ended 0, Thread shut down 1\n");
    // a named thread factory's threads are the pool's; no thread of a tracked component is a Thread of its own
    assertThat(scenarios.get("poolWithAThreadFactoryStartingNothing")).startsWith("ThreadPoolExecutor 1/1/0/0 at ");
    // nothing: workers a pool built outside the scope starts on demand, the common pool, a static field's pool, the JDK's cleaner
    assertThat(scenarios.get("workersStartedOnDemandByAPoolBuiltBefore")).isEmpty();
    assertThat(scenarios.get("commonPoolAndParallelStream")).isEmpty();
    assertThat(scenarios.get("staticPool")).isEmpty();
    assertThat(scenarios.get("cleaner")).isEmpty();
    assertThat(result.out()).contains(
        "processWide ThreadPoolExecutor static-initialiser dev.leakgate.it.samples.JdkKindsWorkload$Holder.<clinit>(JdkKindsWorkload.java:",
        "processWide ForkJoinPool static-initialiser java.util.concurrent.ForkJoinPool.<clinit>(",
        "processWide Thread jdk jdk.internal.ref.CleanerImpl.start(");
    if (jdk.equals("JDK 25")) {
      assertThat(scenarios.get("httpClient")).as("closed").startsWith("HttpClient 1/1/0/0 at ");
      // the pool's delay scheduler thread is the pool's: two live threads, no Thread of its own
      assertThat(scenarios.get("forkJoinScheduleLeaked")).startsWith("ForkJoinPool 1/0/1/2 at ");
      assertThat(scenarios.get("threadPerTaskExecutor")).as("the JDK starts its threads").isEmpty();
      assertThat(scenarios.get("platformThreadFromTheBuilder")).startsWith("Thread 1/1/0/0 at " + workload);
    } else {
      assertThat(scenarios.get("httpClient")).as("JDK 17 has no close").startsWith("HttpClient 1/0/1/1 at ");
      assertThat(result.out()).contains("httpClientDropped after GC: HttpClient shutdown 1");
    }
  }

  /** "scenario NAME: COUNTS" lines, by name. */
  private static Map<String, String> scenarios(String out) {
    Map<String, String> scenarios = new LinkedHashMap<>();
    for (String line : out.split("\\R")) {
      if (line.startsWith("scenario ")) {
        int colon = line.indexOf(':');
        scenarios.put(line.substring("scenario ".length(), colon), line.substring(colon + 1).trim());
      }
    }
    return scenarios;
  }

  private static ForkedJvm jvm(String jdk) {
    if (jdk.equals("JDK 25")) {
      assumeTrue(Files.isExecutable(TEMURIN_25), "no Temurin 25 at " + TEMURIN_25 + " on this machine");
      return new ForkedJvm().launcher(TEMURIN_25);
    }
    assumeTrue(Runtime.version().feature() == 17, "the test JVM is JDK " + Runtime.version().feature() + ", not 17");
    return new ForkedJvm();
  }
}
