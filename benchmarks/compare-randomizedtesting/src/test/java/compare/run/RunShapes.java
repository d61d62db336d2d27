package compare.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.runner.Description;
import org.junit.runner.JUnitCore;
import org.junit.runner.Request;
import org.junit.runner.manipulation.Filter;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunListener;

/**
 * Runs one twin's tests (all of them, or the named ones) for a number of rounds in this JVM and
 * writes one JSON line per test outcome, per class-level failure and per round to a file.
 *
 * <p>Usage: {@code RunShapes TWIN OUT [--methods a,b] [--rounds N] [--parallel N] [--warm TWIN]} where
 * TWIN is {@code randomizedrunner}, {@code plain-junit4}, {@code leakcheck} or {@code plain-jupiter};
 * {@code --warm} first runs the same tests once under another twin (round -1), so that what the
 * process builds once (static fields, the common pool's workers) exists before the measured rounds.
 */
public final class RunShapes {
  private static final Map<String, String> TWINS = Map.of(
      "randomizedrunner", "compare.junit4.RandomizedRunnerTwin",
      "plain-junit4", "compare.junit4.PlainJunit4Twin",
      "leakcheck", "compare.jupiter.LeakCheckTwin",
      "plain-jupiter", "compare.jupiter.PlainJupiterTwin");

  private final PrintWriter out;
  private String twin;
  private int round;

  private RunShapes(PrintWriter out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !TWINS.containsKey(args[0])) {
      System.err.println("usage: RunShapes " + String.join("|", TWINS.keySet())
          + " OUT [--methods a,b] [--rounds N] [--parallel N] [--warm TWIN]");
      System.exit(2);
    }
    List<String> methods = List.of();
    int rounds = 1;
    int parallel = 0;
    String warm = null;
    for (int i = 2; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--methods" -> methods = Arrays.asList(args[i + 1].split(","));
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--parallel" -> parallel = Integer.parseInt(args[i + 1]);
        case "--warm" -> warm = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
      RunShapes run = new RunShapes(out);
      if (warm != null) {
        run.round = -1;
        run.run(warm, methods, parallel);
      }
      for (run.round = 0; run.round < rounds; run.round++) {
        run.run(args[0], methods, parallel);
      }
    }
    // leaked non-daemon threads must not keep this JVM alive
    System.exit(0);
  }

  private void run(String twin, List<String> methods, int parallel) throws ClassNotFoundException {
    this.twin = twin;
    long start = System.nanoTime();
    if (twin.equals("randomizedrunner") || twin.equals("plain-junit4")) {
      junit4(Class.forName(TWINS.get(twin)), methods);
    } else {
      jupiter(TWINS.get(twin), methods, parallel);
    }
    line(Map.of("wallMs", (System.nanoTime() - start) / 1e6));
  }

  private void junit4(Class<?> testClass, List<String> methods) {
    Request request = Request.aClass(testClass);
    if (!methods.isEmpty()) {
      request = request.filterWith(new Filter() {
        @Override
        public boolean shouldRun(Description d) {
          return d.getMethodName() == null ? d.getChildren().stream().anyMatch(this::shouldRun) : methods.contains(name(d));
        }

        @Override
        public String describe() {
          return "methods " + methods;
        }
      });
    }
    JUnitCore core = new JUnitCore();
    Map<Description, Long> started = new ConcurrentHashMap<>();
    Map<Description, String[]> outcome = new ConcurrentHashMap<>();
    core.addListener(new RunListener() {
      @Override
      public void testStarted(Description d) {
        started.put(d, System.nanoTime());
        outcome.put(d, new String[] {"passed", ""});
      }

      @Override
      public void testFailure(Failure f) {
        if (f.getDescription().getMethodName() == null) {
          classFailure(f.getMessage());
        } else {
          String[] o = outcome.computeIfAbsent(f.getDescription(), k -> new String[] {"failed", ""});
          o[0] = "failed";
          o[1] = o[1].isEmpty() ? String.valueOf(f.getMessage()) : o[1] + "\n" + f.getMessage();
        }
      }

      @Override
      public void testAssumptionFailure(Failure f) {
        outcome.put(f.getDescription(), new String[] {"not-run", String.valueOf(f.getMessage())});
      }

      @Override
      public void testIgnored(Description d) {
        outcome.put(d, new String[] {"not-run", "ignored"});
      }

      @Override
      public void testFinished(Description d) {
        Long t0 = started.get(d);
        String[] o = outcome.get(d);
        test(name(d), o[0], t0 == null ? 0 : (System.nanoTime() - t0) / 1e6, o[1]);
      }
    });
    core.run(request);
  }

  private void jupiter(String className, List<String> methods, int parallel) {
    List<DiscoverySelector> selectors = new ArrayList<>();
    if (methods.isEmpty()) {
      selectors.add(selectClass(className));
    } else {
      methods.forEach(m -> selectors.add(selectMethod(className + "#" + m)));
    }
    Map<String, String> config = new LinkedHashMap<>();
    if (parallel > 0) {
      config.put("junit.jupiter.execution.parallel.enabled", "true");
      config.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
      config.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
      config.put("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(parallel));
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectors).configurationParameters(config).build();
    Launcher launcher = LauncherFactory.create();
    Map<String, Long> started = new ConcurrentHashMap<>();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    launcher.execute(request, new TestExecutionListener() {
      @Override
      public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
      }

      @Override
      public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
          test(method(id), "not-run", 0, reason);
        }
      }

      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
        String status = switch (result.getStatus()) {
          case SUCCESSFUL -> "passed";
          case ABORTED -> "not-run";
          case FAILED -> "failed";
        };
        if (id.isTest() && seen.add(id.getUniqueId())) {
          Long t0 = started.get(id.getUniqueId());
          test(method(id), status, t0 == null ? 0 : (System.nanoTime() - t0) / 1e6, message);
        } else if (!id.isTest() && !"passed".equals(status)) {
          classFailure(message);
        }
      }
    });
  }

  private static String name(Description d) {
    // randomizedtesting may decorate the method name (seed, parameters): keep the Java name
    String m = d.getMethodName();
    int space = m.indexOf(' ');
    return space < 0 ? m : m.substring(0, space);
  }

  private static String method(TestIdentifier id) {
    return id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
        .orElse(id.getDisplayName());
  }

  private void test(String name, String status, double ms, String message) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("test", name);
    fields.put("status", status);
    fields.put("ms", ms);
    fields.put("message", message);
    line(fields);
  }

  private void classFailure(String message) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("classFailure", true);
    fields.put("message", message);
    line(fields);
  }

  private synchronized void line(Map<String, Object> fields) {
    StringBuilder b = new StringBuilder("{\"twin\":\"").append(twin).append("\",\"round\":").append(round);
    fields.forEach((k, v) -> {
      b.append(",\"").append(k).append("\":");
      if (v instanceof Number || v instanceof Boolean) {
        b.append(v);
      } else {
        b.append('"').append(escape(String.valueOf(v))).append('"');
      }
    });
    out.println(b.append('}'));
    out.flush();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
