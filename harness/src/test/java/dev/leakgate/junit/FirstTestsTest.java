package dev.leakgate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the first tests of a run, in parallel, open the JVM's first scopes at once; none of their
 * hand-offs is lost while the first of them weaves the JDK, so four leaking tests all fail. Each run
 * is a fresh JVM (this JVM's java, class path and self-attached agent, as Surefire runs a user's tests).
 */
class FirstTestsTest {
  /** Before issue 16 only 1 to 3 of the 4 failed in most fresh JVMs (not all: the race depends on the load): four show it. */
  private static final int RUNS = 4;
  private static final long JVM_TIMEOUT_SECONDS = 120;

  @Test
  void fourFirstTestsLeakingThroughAPoolStartedBeforeThemAllFail() throws Exception {
    String all = "failed: [first, fourth, second, third]";
    List<String> seen = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      seen.add(runInAFreshJvm());
    }

    assertThat(seen).as("%d fresh JVMs", RUNS).allMatch(all::equals);
  }

  private static String runInAFreshJvm() throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FirstTestsCase.class.getName())
        .redirectErrorStream(true).start();
    jvm.getOutputStream().close();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jvm.waitFor(JVM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      jvm.destroyForcibly();
      throw new AssertionError("the fresh JVM did not finish within " + JVM_TIMEOUT_SECONDS + " s:\n" + output);
    }
    assertThat(jvm.exitValue()).as(output).isZero();
    return output.lines().filter(l -> l.startsWith("failed: ")).findFirst().orElse(output);
  }
}
