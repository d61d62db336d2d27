package dev.leakgate.benchmarks;

import dev.leakgate.benchmarks.programs.EmptyAgent;
import dev.leakgate.benchmarks.programs.Hello;
import dev.leakgate.benchmarks.programs.OneProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * How much longer does a JVM take to start and exit with the LeakGate agent than without, and how
 * much of that is the JVM's own price for any {@code -javaagent}?
 *
 * <p>Each operation starts one fresh JVM (single shot) and waits for it to exit:
 * {@code hello} prints a line; {@code provider} builds one tracer provider with a batch processor
 * and shuts it down. {@code agent}: {@code none}, {@code empty} (a premain that does nothing: the
 * floor), {@code leakgate}. Read ratios of the means to {@code empty}: LeakGate's own share (target
 * for {@code hello}: ≤ 1.05×). The secondary score {@code firstSdkLoadMs} is how long the provider
 * program's first build took inside the child; its difference between {@code leakgate} and
 * {@code empty} is the agent's one-time cost when the first SDK class loads and is woven (target
 * ≤ +40 ms). {@code benchmarks/startup-cost.sh} measures the same two figures as medians of
 * interleaved pairs, which a shared machine disturbs less than JMH's sequential means.
 *
 * <p>The agent jar is {@code -Dleakgate.agent.jar} when given (the run script passes the real
 * {@code leakgate-agent.jar}), else the benchmarks jar, which carries the agent too.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 20)
@State(Scope.Benchmark)
public class Startup {
  private static final long CHILD_TIMEOUT_SECONDS = 120;

  /** Which agent the child JVM starts with. */
  @Param({"none", "empty", "leakgate"})
  public String agent;

  /** What the child JVM runs. */
  @Param({"hello", "provider"})
  public String program;

  private Path work;
  private List<String> command;

  /** Writes the hello program and the empty agent to a temporary folder and builds the command. */
  @Setup(Level.Trial)
  public void prepare() throws IOException {
    work = Files.createTempDirectory("leakgate-startup");
    copyClass(Hello.class, work);
    Path emptyAgent = emptyAgentJar(work);
    command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    switch (agent) {
      case "none":
        break;
      case "empty":
        command.add("-javaagent:" + emptyAgent);
        break;
      case "leakgate":
        command.add("-javaagent:" + System.getProperty("leakgate.agent.jar", BuildPaths.BENCHMARKS_JAR) + "=log=quiet");
        break;
      default:
        throw new IllegalArgumentException("unknown agent '" + agent + "' (allowed: none, empty, leakgate)");
    }
    switch (program) {
      case "hello":
        // a one-class folder: the JVM's start, not the opening of a large jar
        command.addAll(List.of("-cp", work.toString(), Hello.class.getName()));
        break;
      case "provider":
        command.addAll(List.of("-cp", BuildPaths.BENCHMARKS_JAR, OneProvider.class.getName()));
        break;
      default:
        throw new IllegalArgumentException("unknown program '" + program + "' (allowed: hello, provider)");
    }
  }

  /** Removes the temporary folder. */
  @TearDown(Level.Trial)
  public void cleanUp() throws IOException {
    try (Stream<Path> files = Files.walk(work)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Starts the child JVM and waits for it to exit. */
  @Benchmark
  public int startAndExit(FirstLoad firstLoad, IterationParams iteration) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new IllegalStateException("child JVM did not exit within " + CHILD_TIMEOUT_SECONDS + " s: " + command);
    }
    if (child.exitValue() != 0) {
      throw new IllegalStateException("child JVM exited " + child.exitValue() + ": " + command);
    }
    if (program.equals("provider")) {
      // JMH adds EVENTS counters up over the iterations: report a share, so the score is the mean
      firstLoad.firstSdkLoadMs = Long.parseLong(out) / 1_000_000.0 / iteration.getCount();
    }
    return out.length();
  }

  /** The provider program's first build, in milliseconds, as measured inside the child. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class FirstLoad {
    /** Milliseconds the first SDK build took in the child (0 for {@code hello}). */
    public double firstSdkLoadMs;
  }

  private static void copyClass(Class<?> type, Path dir) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no class file " + resource);
      }
      Files.copy(in, target);
    }
  }

  private static Path emptyAgentJar(Path dir) throws IOException {
    String resource = EmptyAgent.class.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", EmptyAgent.class.getName());
    Path jar = dir.resolve("empty-agent.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream in = EmptyAgent.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no class file " + resource);
      }
      out.putNextEntry(new JarEntry(resource));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
