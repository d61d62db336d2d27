package dev.leakgate.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a main class in a new JVM, optionally with the packaged agent, and captures its output. */
public final class ForkedJvm {
  private static final long TIMEOUT_SECONDS = 60;

  private final List<String> classpath = new ArrayList<>();
  private String agentOptions;
  private boolean withAgent;
  private final List<String> jvmArgs = new ArrayList<>();
  private String launcher = java();

  /** A JVM with the agent tests' classes and the current SDK on its class path. */
  public static ForkedJvm withTestClassesAndCurrentSdk() {
    return new ForkedJvm()
        .classpath(System.getProperty("leakgate.test.classes"))
        .jarsIn(Path.of(System.getProperty("leakgate.otel.current")));
  }

  /** The packaged agent jar, built by the package phase before failsafe runs. */
  public static Path agentJar() {
    return Path.of(System.getProperty("leakgate.agent.jar"));
  }

  /** The java launcher of the JVM running the tests. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Where Temurin 25 is installed on this machine and on CI. */
  public static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  /**
   * A JVM of {@code jdk} ("JDK 17": the one running the tests, which must be 17; "JDK 25": Temurin 25),
   * or the test is skipped where this machine has no such JDK.
   */
  public static ForkedJvm forJdk(String jdk) {
    if (jdk.equals("JDK 25")) {
      Assumptions.assumeTrue(java.nio.file.Files.isExecutable(TEMURIN_25), "no Temurin 25 at " + TEMURIN_25 + " on this machine");
      return new ForkedJvm().launcher(TEMURIN_25);
    }
    Assumptions.assumeTrue(Runtime.version().feature() == 17, "the test JVM is JDK " + Runtime.version().feature() + ", not 17");
    return new ForkedJvm();
  }

  /** The java launcher of another JDK (e.g. {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}). */
  public ForkedJvm launcher(Path javaExecutable) {
    this.launcher = javaExecutable.toString();
    return this;
  }

  /** Folder of the SDK jars of one version, copied by the dependency plugin (e.g. "1.30.0"). */
  public static Path sdk(String version) {
    Path folder = Path.of(System.getProperty("leakgate.otel.root"), "otel-" + version);
    if (!folder.toFile().isDirectory()) {
      throw new IllegalStateException("no SDK " + version + " at " + folder + ": add it to agent/pom.xml's dependency plugin");
    }
    return folder;
  }

  /** Adds class path entries. */
  public ForkedJvm classpath(String... entries) {
    for (String e : entries) {
      classpath.add(e);
    }
    return this;
  }

  /** Adds every jar in a folder to the class path. */
  public ForkedJvm jarsIn(Path folder) {
    File[] jars = folder.toFile().listFiles((d, n) -> n.endsWith(".jar"));
    if (jars == null || jars.length == 0) {
      throw new IllegalStateException("no jars in " + folder);
    }
    for (File jar : jars) {
      classpath.add(jar.getPath());
    }
    return this;
  }

  /** Runs with {@code -javaagent:leakgate-agent.jar=options} (options may be empty). */
  public ForkedJvm agent(String options) {
    this.withAgent = true;
    this.agentOptions = options;
    return this;
  }

  /** Adds a JVM option. */
  public ForkedJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /** Starts the JVM; the caller stops it. */
  public Process start(String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher);
    if (withAgent) {
      cmd.add("-javaagent:" + agentJar() + (agentOptions == null || agentOptions.isEmpty() ? "" : "=" + agentOptions));
    }
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).start();
  }

  /** Runs to completion (bounded) and returns exit code and output. */
  public Result run(String mainClass, String... args) throws IOException, InterruptedException {
    Process p = start(mainClass, args);
    return Result.of(p);
  }

  /** Exit code, standard output and standard error of a finished JVM. */
  public record Result(int exitCode, String out, String err) {
    /** Waits (bounded) for {@code p} and collects its output. */
    public static Result of(Process p) throws IOException, InterruptedException {
      p.getOutputStream().close();
      // small outputs: read fully after exit would block on a full pipe, so read first
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("forked JVM did not exit within " + TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), out, err);
    }

    /** The non-blank lines of standard error; nothing is filtered (the agent no longer makes the JVM warn). */
    public List<String> errLines() {
      List<String> lines = new ArrayList<>();
      for (String line : err.split("\\R")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return lines;
    }
  }
}
