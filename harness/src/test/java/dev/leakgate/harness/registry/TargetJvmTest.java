package dev.leakgate.harness.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakgate.internal.probe.ProbeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A pid that is no JVM is refused at once, not after the JDK's ten-second attach wait. */
class TargetJvmTest {

  @Test
  void aProcessThatIsNoJvmIsRefusedAtOnceNamingWhy() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> TargetJvm.attach(sleeper.pid(), Duration.ofSeconds(30)))
          .isInstanceOf(ProbeException.class)
          .hasMessageStartingWith("cannot attach to pid " + sleeper.pid() + ": it is not a JVM")
          .hasMessageContaining("does not catch SIGQUIT");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the attach wait of about 10 s").isLessThan(Duration.ofSeconds(5));
      assertThat(sleeper.isAlive()).as("nothing was sent to it").isTrue();
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void aPidNoProcessHasIsRefusedAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();

    assertThat(TargetJvm.whyNotAJvm(gone.pid())).isEqualTo("no process has this pid");
  }

  @Test
  void thisJvmMayBeAttachedTo() {
    assertThat(TargetJvm.whyNotAJvm(ProcessHandle.current().pid())).isNull();
  }
}
