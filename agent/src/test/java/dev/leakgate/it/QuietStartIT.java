package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.BootPathAppendingAgent;
import dev.leakgate.it.samples.BuildsOneProvider;
import dev.leakgate.it.samples.Hello;
import dev.leakgate.it.support.ForkedJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With {@code log=quiet} the agent prints nothing and writes nothing at start, on JDK 17 and 25:
 * no jar in java.io.tmpdir, no boot class path append, so no CDS warning.
 */
class QuietStartIT {
  /** The JVM's warning whenever an agent appends to the boot class path (what the agent did before issue 9). */
  private static final String CDS_WARNING = "Sharing is only supported for boot loader classes";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void helloPrintsNothingOnStderrAndCreatesNothingInTheTempFolder(String jdk) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    ForkedJvm.Result result = jvm(jdk)
        .classpath(System.getProperty("leakgate.test.classes"))
        .agent("log=quiet")
        .jvmArg("-Djava.io.tmpdir=" + tmp)
        .run(Hello.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("hello" + System.lineSeparator());
    assertThat(result.err()).as("stderr, unfiltered").isEmpty();
    assertThat(list(tmp)).as("what the JVM left in java.io.tmpdir").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void aProgramThatBuildsAProviderPrintsNothingAndCreatesNothingInTheTempFolder(String jdk) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    ForkedJvm.Result result = jvm(jdk)
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current")))
        .agent("log=quiet")
        .jvmArg("-Djava.io.tmpdir=" + tmp)
        .run(BuildsOneProvider.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("built" + System.lineSeparator());
    assertThat(result.err()).as("stderr, unfiltered").isEmpty();
    assertThat(list(tmp)).as("what the JVM left in java.io.tmpdir").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void noCdsWarningWithSharingOnAndCdsLoggingAtItsDefaultLevel(String jdk) throws Exception {
    ForkedJvm.Result result = jvm(jdk)
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current")))
        .agent("log=quiet")
        .jvmArg("-Xshare:auto")
        .jvmArg("-Xlog:cds")
        .run(BuildsOneProvider.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("built").doesNotContain(CDS_WARNING);
    assertThat(result.err()).doesNotContain(CDS_WARNING);
  }

  /** The control: the same JVM flags do print the warning for an agent that appends to the boot class path. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void theCdsWarningIsSeenWhereTheTestLooksWhenAnAgentAppendsToTheBootClassPath(String jdk) throws Exception {
    Path appending = agentJar(BootPathAppendingAgent.class, dir.resolve("appending.jar"));
    Path extra = agentJar(BootPathAppendingAgent.class, dir.resolve("extra.jar"));
    ForkedJvm.Result result = jvm(jdk)
        .classpath(System.getProperty("leakgate.test.classes"))
        .jvmArg("-javaagent:" + appending + "=" + extra)
        .jvmArg("-Xshare:auto")
        .jvmArg("-Xlog:cds")
        .run(Hello.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out() + result.err()).contains(CDS_WARNING);
  }

  private static ForkedJvm jvm(String jdk) {
    return ForkedJvm.forJdk(jdk);
  }

  private static java.util.List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> !p.equals(folder)).toList();
    }
  }

  private static Path agentJar(Class<?> premainClass, Path jar) throws IOException {
    String resource = premainClass.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", premainClass.getName());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream in = premainClass.getClassLoader().getResourceAsStream(resource)) {
      out.putNextEntry(new JarEntry(resource));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
