package dev.leakgate.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The JDKs that tests of forked JVMs run on: the one running the tests (17) and Temurin 25 where installed. */
public final class Jdks {
  /** The JDK running the tests. */
  public static final Path JAVA_17 = Path.of(System.getProperty("java.home"));
  /** Temurin 25, or the JDK at {@code -Dleakgate.it.java25=JAVA_HOME}. */
  public static final Path JAVA_25 = Path.of(System.getProperty("leakgate.it.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

  private Jdks() {}

  /** Both, as parameters {@code (name, javaHome)}: {@code @MethodSource("dev.leakgate.harness.Jdks#both")}. */
  public static Stream<Arguments> both() {
    return Stream.of(Arguments.of("JDK 17", JAVA_17), Arguments.of("JDK 25", JAVA_25));
  }

  /** Skips the test where this JDK is not installed. */
  public static void assumePresent(Path javaHome) {
    assumeTrue(Files.isExecutable(javaHome.resolve("bin").resolve("java")),
        "no JDK at " + javaHome + " (set -Dleakgate.it.java25=JAVA_HOME to run these cases on JDK 25)");
  }
}
