package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.JdkThreadsAfterAScope;
import dev.leakgate.it.support.ForkedJvm;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16: the JDK's own threads (the common pool's workers, CompletableFuture's delay scheduler,
 * JDK 25's ForkJoinPool delay scheduler) hold no scope between tasks: a scope that was the first to
 * use one, so that its thread started inside it, can be collected once it closed and its work ran.
 * A fresh JVM per case, so the scope under test really starts the thread.
 */
class JdkThreadsHoldNoScopeIT {

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({
    "JDK 17, commonPool", "JDK 17, delayedExecutor", "JDK 17, orTimeout",
    "JDK 25, commonPool", "JDK 25, delayedExecutor", "JDK 25, orTimeout", "JDK 25, commonPoolSchedule"
  })
  void aClosedScopeThatStartedAJdkThreadIsCollectable(String jdk, String use) throws Exception {
    ForkedJvm.Result result = ForkedJvm.onJdk(jdk)
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current")))
        .agent("log=quiet")
        .run(JdkThreadsAfterAScope.class.getName(), use);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().strip()).isEqualTo("collectable true");
  }
}
