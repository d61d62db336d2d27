package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.MBeanAtStart;
import dev.leakgate.it.samples.ProviderThenPause;
import dev.leakgate.it.support.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMX only when asked: no platform MBeanServer of our making without {@code jmx=on}; the MBean at start with it. */
class JmxIT {
  @TempDir Path dir;

  private static ForkedJvm jvm() {
    return ForkedJvm.withTestClassesAndCurrentSdk();
  }

  @Test
  void withoutJmxOnTheAgentNeverLoadsTheMBeanServer() throws Exception {
    Path classLog = dir.resolve("classes.log");
    // longer than the 1 s after which the agent used to register its MBean on its own
    ForkedJvm.Result result = jvm().agent("log=quiet")
        .jvmArg("-Xlog:class+load=info:file=" + classLog)
        .run(ProviderThenPause.class.getName(), "1500");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("ran");
    String loaded = Files.readString(classLog);
    assertThat(loaded).as("the SDK was woven, so the agent was busy").contains("io.opentelemetry.sdk.trace.SdkTracerProvider ");
    assertThat(loaded.lines().filter(line -> line.contains(" javax.management.") || line.contains(" java.lang.management.")))
        .as("JMX classes loaded").isEmpty();
  }

  @Test
  void jmxOnRegistersTheMBeanBeforeMainWithCountsAndTheReport() throws Exception {
    ForkedJvm.Result result = jvm().agent("log=quiet,jmx=on").run(MBeanAtStart.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).containsExactly("registered true", "created 1", "report true");
    assertThat(result.errLines()).isEmpty();
  }
}
