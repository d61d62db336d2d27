package dev.leakgate.harness.jfr;

import dev.leakgate.harness.cli.LeakGateCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service in its own JVM (without any agent unless the command names one), whose every output line is kept for inspection. */
public final class TargetService implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
  /** Lines before the service says where it listens, at most (a JVM warning or two, an agent's notices). */
  private static final int MAX_START_LINES = 50;

  final Path javaHome;
  final Process process;
  /** Where the service listens, e.g. {@code http://127.0.0.1:41234}. */
  public final String url;
  private final List<String> output = new CopyOnWriteArrayList<>();

  private TargetService(Path javaHome, List<String> command, Map<String, String> env) throws IOException {
    this.javaHome = javaHome;
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    this.process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String found = null;
    for (int i = 0; i < MAX_START_LINES && found == null; i++) {
      String line = out.readLine();
      if (line == null) {
        break;
      }
      output.add(line);
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        found = m.group(1);
      }
    }
    if (found == null) {
      process.destroyForcibly();
      throw new IllegalStateException("the service did not say where it listens: " + output);
    }
    url = found;
    Thread drain = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException ignored) {
        // the service stopped
      }
    }, "drain-" + process.pid());
    drain.setDaemon(true);
    drain.start();
  }

  /** The reference service, {@code leakgate serve --variant V}, on the CLI jar's class path: no launcher agent. */
  static TargetService reference(Path javaHome, String variant) throws IOException {
    return reference(javaHome, variant, List.of(), Map.of());
  }

  /** The reference service with JVM options before its class path, e.g. {@code -javaagent:leakgate-agent.jar=jmx=on}. */
  public static TargetService reference(Path javaHome, String variant, String... jvmOptions) throws IOException {
    return reference(javaHome, variant, List.of(jvmOptions), Map.of());
  }

  /** The same with JVM options (agents, in the order given) and environment variables (e.g. JAVA_TOOL_OPTIONS). */
  public static TargetService reference(Path javaHome, String variant, List<String> jvmOptions, Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(java(javaHome)));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("leakgate.cli.jar"), LeakGateCli.class.getName(), "serve", "--variant",
        variant, "--port", "0"));
    return new TargetService(javaHome, cmd, env);
  }

  /** {@link ExecutorPerRequestService}, with extra JVM options. */
  public static TargetService executorPerRequest(Path javaHome, String... jvmOptions) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(java(javaHome)));
    cmd.addAll(List.of(jvmOptions));
    String classes = Path.of(ExecutorPerRequestService.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    cmd.addAll(List.of("-cp", classes, ExecutorPerRequestService.class.getName()));
    return new TargetService(javaHome, cmd, Map.of());
  }

  static String java(Path javaHome) {
    return javaHome.resolve("bin").resolve("java").toString();
  }

  /** The service's process id. */
  public String pid() {
    return String.valueOf(process.pid());
  }

  /** Every line the service printed so far. */
  public List<String> output() {
    return List.copyOf(output);
  }

  /** What {@code jcmd PID JFR.check} prints, with the JDK the service runs on. */
  String jfrCheck() throws Exception {
    Process jcmd = new ProcessBuilder(javaHome.resolve("bin").resolve("jcmd").toString(), pid(), "JFR.check")
        .redirectErrorStream(true).start();
    String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
      jcmd.destroyForcibly();
      throw new IllegalStateException("jcmd did not finish");
    }
    return text;
  }

  /** Stops the service (and waits, bounded, for it to end). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
