import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;

/**
 * What the agent costs, measured side by side in one run (run by agent/bench/run.sh).
 *
 * <p>Each round starts every variant once, in turn, so machine noise hits all of them alike; the
 * figures are medians over the rounds and are read as ratios to the run without the agent.
 * An empty agent (a premain that does nothing) shows the JVM's own price for any -javaagent.
 */
public final class AgentCostBench {
  private static final String HELLO = "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }";
  private static final String SDK_ONCE = String.join("\n",
      "import io.opentelemetry.sdk.trace.export.*;",
      "import io.opentelemetry.sdk.trace.data.SpanData;",
      "import io.opentelemetry.sdk.common.CompletableResultCode;",
      "import java.util.Collection;",
      "import java.util.concurrent.TimeUnit;",
      "public class SdkOnce {",
      "  static final class Noop implements SpanExporter {",
      "    public CompletableResultCode export(Collection<SpanData> s) { return CompletableResultCode.ofSuccess(); }",
      "    public CompletableResultCode flush() { return CompletableResultCode.ofSuccess(); }",
      "    public CompletableResultCode shutdown() { return CompletableResultCode.ofSuccess(); }",
      "  }",
      "  public static void main(String[] a) {",
      "    int cycles = Integer.parseInt(a[0]);",
      "    long t0 = System.nanoTime();",
      "    BatchSpanProcessor first = BatchSpanProcessor.builder(new Noop()).build();", // first SDK class loads here
      "    long firstLoad = System.nanoTime() - t0;",
      "    first.shutdown().join(10, TimeUnit.SECONDS);",
      "    for (int i = 0; i < cycles; i++) { BatchSpanProcessor.builder(new Noop()).build().shutdown().join(10, TimeUnit.SECONDS); }", // warm-up
      "    long t1 = System.nanoTime();",
      "    for (int i = 0; i < cycles; i++) { BatchSpanProcessor.builder(new Noop()).build().shutdown().join(10, TimeUnit.SECONDS); }",
      "    long perCycle = (System.nanoTime() - t1) / cycles;",
      "    System.out.println(firstLoad + \" \" + perCycle);",
      "  }",
      "}");

  public static void main(String[] args) throws Exception {
    Path agentJar = Path.of(args[0]).toAbsolutePath();
    Path otelJars = Path.of(args[1]).toAbsolutePath();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 21;
    int cycles = args.length > 3 ? Integer.parseInt(args[3]) : 500;
    Path work = Files.createTempDirectory("leakgate-bench");
    String sdkCp = jars(otelJars);
    compile(work, "Hello", HELLO, "");
    compile(work, "SdkOnce", SDK_ONCE, sdkCp);
    Path emptyAgent = emptyAgent(work);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String quietAgent = "-javaagent:" + agentJar + "=log=quiet";

    Map<String, List<String>> startup = new LinkedHashMap<>();
    startup.put("no agent", List.of(java, "-cp", work.toString(), "Hello"));
    startup.put("empty agent (JVM floor)", List.of(java, "-javaagent:" + emptyAgent, "-cp", work.toString(), "Hello"));
    startup.put("leakgate agent", List.of(java, quietAgent, "-cp", work.toString(), "Hello"));
    String cp = work + File.pathSeparator + sdkCp;
    Map<String, List<String>> sdk = new LinkedHashMap<>();
    sdk.put("no agent", List.of(java, "-cp", cp, "SdkOnce", String.valueOf(cycles)));
    sdk.put("leakgate agent", List.of(java, quietAgent, "-cp", cp, "SdkOnce", String.valueOf(cycles)));

    Map<String, long[]> wall = new LinkedHashMap<>();
    Map<String, long[]> firstLoad = new LinkedHashMap<>();
    Map<String, long[]> perCycle = new LinkedHashMap<>();
    startup.keySet().forEach(k -> wall.put("Hello, " + k, new long[rounds]));
    sdk.keySet().forEach(k -> {
      firstLoad.put(k, new long[rounds]);
      perCycle.put(k, new long[rounds]);
    });
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, List<String>> e : startup.entrySet()) {
        long t = System.nanoTime();
        run(e.getValue());
        wall.get("Hello, " + e.getKey())[r] = System.nanoTime() - t;
      }
      for (Map.Entry<String, List<String>> e : sdk.entrySet()) {
        String[] out = run(e.getValue()).trim().split(" ");
        firstLoad.get(e.getKey())[r] = Long.parseLong(out[0]);
        perCycle.get(e.getKey())[r] = Long.parseLong(out[1]);
      }
    }
    System.out.printf("java %s, %d rounds, %d build+shutdown cycles per JVM%n", System.getProperty("java.version"), rounds, cycles);
    System.out.println();
    System.out.println("JVM start to exit, Hello (median wall):");
    long base = median(wall.get("Hello, no agent"));
    for (Map.Entry<String, long[]> e : wall.entrySet()) {
      System.out.printf("  %-32s %7.1f ms   ratio %.2f%n", e.getKey(), ms(median(e.getValue())), (double) median(e.getValue()) / base);
    }
    System.out.println();
    System.out.println("First BatchSpanProcessor (loads the SDK; with the agent also Byte Buddy and weaving):");
    long f0 = median(firstLoad.get("no agent"));
    long f1 = median(firstLoad.get("leakgate agent"));
    System.out.printf("  no agent %.1f ms, leakgate agent %.1f ms: one-time cost +%.1f ms%n", ms(f0), ms(f1), ms(f1 - f0));
    System.out.println();
    System.out.println("BatchSpanProcessor build + shutdown, steady state (median per cycle):");
    long c0 = median(perCycle.get("no agent"));
    long c1 = median(perCycle.get("leakgate agent"));
    System.out.printf("  no agent %.1f us, leakgate agent %.1f us: ratio %.3f%n", c0 / 1000.0, c1 / 1000.0, (double) c1 / c0);
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("failed: " + String.join(" ", cmd));
    }
    return out;
  }

  private static String jars(Path dir) {
    List<String> out = new ArrayList<>();
    for (File f : dir.toFile().listFiles((d, n) -> n.endsWith(".jar"))) {
      out.add(f.getPath());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no SDK jars in " + dir + " (run mvn -pl agent verify first)");
    }
    return String.join(File.pathSeparator, out);
  }

  private static void compile(Path dir, String name, String source, String cp) throws IOException {
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, source);
    List<String> args = new ArrayList<>(List.of("-d", dir.toString(), file.toString()));
    if (!cp.isEmpty()) {
      args.addAll(0, List.of("-cp", cp));
    }
    if (ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])) != 0) {
      throw new IllegalStateException("could not compile " + name);
    }
  }

  private static Path emptyAgent(Path dir) throws IOException {
    compile(dir, "EmptyAgent", "public class EmptyAgent { public static void premain(String a, java.lang.instrument.Instrumentation i) {} }", "");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().putValue("Premain-Class", "EmptyAgent");
    Path jar = dir.resolve("empty-agent.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      out.putNextEntry(new JarEntry("EmptyAgent.class"));
      out.write(Files.readAllBytes(dir.resolve("EmptyAgent.class")));
      out.closeEntry();
    }
    return jar;
  }
}
