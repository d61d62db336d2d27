package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.ExecutorsWithoutScopes;
import dev.leakgate.it.samples.PoolsWithoutScopes;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that never opens a scope has no JDK class transformed (nor its pools, timers, threads and HTTP
 * clients counted); the first scope turns propagation and those kinds on, and pools and timers whose
 * threads started before it are followed from then on. {@code jdk=start} weaves them at start instead.
 */
class NoScopeNoWeavingIT {

  @Test
  void jdkClassesAreWovenOnlyOnceTheFirstScopeOpensAndOlderPoolsAreFollowed() throws Exception {
    ForkedJvm.Result result = new ForkedJvm()
        .testClassesAndCurrentSdk()
        .agent("log=quiet")
        .run(ExecutorsWithoutScopes.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("before: []", "JDK kinds counted before: 0");
    assertThat(result.out()).containsPattern("after: \\[.*java\\.util\\.concurrent\\.ThreadPoolExecutor.*\\]");
    assertThat(result.out()).contains("java.util.concurrent.ForkJoinTask", "java.util.concurrent.ScheduledThreadPoolExecutor");
    assertThat(result.out()).contains("java.lang.Thread", "jdk.internal.net.http.HttpClientImpl", "java.util.concurrent.ForkJoinPool,");
    assertThat(result.out()).contains("carried: 3");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void jdkStartCountsTheJdksKindsFromStartInAJvmThatNeverOpensAScope(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.json");
    ForkedJvm.Result result = new ForkedJvm()
        .testClassesAndCurrentSdk()
        .agent("log=quiet,jdk=start,report=" + report)
        .run(PoolsWithoutScopes.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.path("components").path("ThreadPoolExecutor").path("live").asLong()).isEqualTo(3);
    assertThat(json.path("sites").get(0).path("site").asText())
        .isEqualTo("dev.leakgate.it.samples.PoolsWithoutScopes.main(PoolsWithoutScopes.java:"
            + SourceLines.lineOf(PoolsWithoutScopes.class, "PER-CALL") + ")");
    assertThat(json.path("processWide").findValuesAsText("site"))
        .anyMatch(site -> site.startsWith("dev.leakgate.it.samples.PoolsWithoutScopes.<clinit>("));
  }
}
