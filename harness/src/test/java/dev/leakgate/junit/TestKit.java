package dev.leakgate.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@code *Case} subjects in the JUnit Platform's EngineTestKit and reads what happened. */
final class TestKit {
  static final String RUN_CASES = "leakgate.test.cases";
  /** A mode of {@link #mode}: JUnit's default, one test after another. */
  static final String ONE_AT_A_TIME = "one test at a time";
  /** A mode of {@link #mode}: JUnit's parallel execution, classes and methods concurrent, 8 threads. */
  static final String IN_PARALLEL = "parallel";
  private static final Map<String, String> PARALLEL = Map.of(
      "junit.jupiter.execution.parallel.enabled", "true",
      "junit.jupiter.execution.parallel.mode.default", "concurrent",
      "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
      "junit.jupiter.execution.parallel.config.strategy", "fixed",
      "junit.jupiter.execution.parallel.config.fixed.parallelism", "8");

  private TestKit() {}

  /** Runs the selected tests with {@code config} as configuration parameters. */
  static EngineExecutionResults run(Map<String, String> config, DiscoverySelector... selectors) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectors)
        .configurationParameters(config)
        .configurationParameter(RUN_CASES, "true")
        .execute();
  }

  /** The configuration parameters of {@link #ONE_AT_A_TIME} or {@link #IN_PARALLEL}. */
  static Map<String, String> mode(String mode) {
    switch (mode) {
      case ONE_AT_A_TIME:
        return Map.of();
      case IN_PARALLEL:
        return PARALLEL;
      default:
        throw new IllegalArgumentException("expected \"" + ONE_AT_A_TIME + "\" or \"" + IN_PARALLEL + "\", got \"" + mode + "\"");
    }
  }

  /** What the containers (classes, the engine) that failed threw: a class's own failure, not its tests'. */
  static List<Throwable> containerFailures(EngineExecutionResults results) {
    return results.containerEvents().failed().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
        .toList();
  }

  /** The failure of the one test whose method is {@code method}. */
  static Throwable failureOf(EngineExecutionResults results, String method) {
    List<Event> failed = results.testEvents().failed().stream()
        .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
        .toList();
    if (failed.size() != 1) {
      throw new AssertionError("expected " + method + " to fail once, failed: " + names(results.testEvents().failed().stream().toList()));
    }
    return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  /** The failure of the one test class (container) that failed. */
  static Throwable classFailure(EngineExecutionResults results) {
    List<Event> failed = results.containerEvents().failed().stream()
        .filter(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("class"))
        .toList();
    if (failed.size() != 1) {
      throw new AssertionError("expected one test class to fail, failed: " + failed);
    }
    return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  /** The method names of the tests that failed. */
  static Set<String> failed(EngineExecutionResults results) {
    return names(results.testEvents().failed().stream().toList());
  }

  /** The method names of the tests that passed. */
  static Set<String> succeeded(EngineExecutionResults results) {
    return names(results.testEvents().succeeded().stream().toList());
  }

  private static Set<String> names(List<Event> events) {
    Set<String> names = new TreeSet<>();
    for (Event e : events) {
      String name = e.getTestDescriptor().getDisplayName();
      names.add(name.substring(0, name.indexOf('(')));
    }
    return names;
  }

  /** The 1-based line of {@code file} (in this test package) that ends with {@code marker}. */
  static int lineOf(String file, String marker) {
    Path source = Path.of("src/test/java/dev/leakgate/junit", file);
    try {
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).endsWith(marker)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + source.toAbsolutePath(), e);
    }
    throw new AssertionError("no line of " + source + " ends with " + marker);
  }
}
