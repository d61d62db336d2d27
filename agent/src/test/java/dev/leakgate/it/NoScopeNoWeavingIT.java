package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.ExecutorsWithoutScopes;
import dev.leakgate.it.support.ForkedJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A JVM that never opens a scope has no JDK class transformed; the first scope turns propagation on,
 * and pools and timers whose threads started before it are followed from then on.
 */
class NoScopeNoWeavingIT {

  @Test
  void jdkClassesAreWovenOnlyOnceTheFirstScopeOpensAndOlderPoolsAreFollowed() throws Exception {
    ForkedJvm.Result result = new ForkedJvm()
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current")))
        .agent("log=quiet")
        .run(ExecutorsWithoutScopes.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("before: []");
    assertThat(result.out()).containsPattern("after: \\[.*java\\.util\\.concurrent\\.ThreadPoolExecutor.*\\]");
    assertThat(result.out()).contains("java.util.concurrent.ForkJoinTask", "java.util.concurrent.ScheduledThreadPoolExecutor");
    assertThat(result.out()).contains("carried: 3");
    assertThat(result.err()).isEmpty();
  }
}
