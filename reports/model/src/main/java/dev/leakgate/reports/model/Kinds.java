package dev.leakgate.reports.model;

import java.util.List;

/**
 * The component kinds a LeakGate report names, in one table: every option that names a kind is
 * checked against it, and a new kind joins by adding its row here (its name and the advice a failure
 * gives for it).
 */
public final class Kinds {

  /** What to do about OpenTelemetry components left live. */
  public static final String TELEMETRY_ADVICE = "build telemetry once at start-up; shut down what you build";

  /** The group of OpenTelemetry's kinds: a selection of kinds may name it instead of its kinds. */
  public static final String OPENTELEMETRY = "opentelemetry";
  /** The group of the JDK's kinds (pools, timers, HTTP clients, threads). */
  public static final String JDK = "jdk";

  /**
   * One kind: its name (the agent's simple class name), its group, whether it owns threads (providers
   * and the SDK own none: a leaked one shows as the processors it holds) and what to do when it is
   * left live.
   */
  private record Row(String name, String group, boolean ownsThreads, String advice) {}

  private static final String POOL_ADVICE = "shut the pool down (shutdown/close) or build it once";

  private static final List<Row> ROWS =
      List.of(
          new Row("BatchSpanProcessor", OPENTELEMETRY, true, TELEMETRY_ADVICE),
          new Row("BatchLogRecordProcessor", OPENTELEMETRY, true, TELEMETRY_ADVICE),
          new Row("PeriodicMetricReader", OPENTELEMETRY, true, TELEMETRY_ADVICE),
          new Row("SdkTracerProvider", OPENTELEMETRY, false, TELEMETRY_ADVICE),
          new Row("SdkMeterProvider", OPENTELEMETRY, false, TELEMETRY_ADVICE),
          new Row("SdkLoggerProvider", OPENTELEMETRY, false, TELEMETRY_ADVICE),
          new Row("OpenTelemetrySdk", OPENTELEMETRY, false, TELEMETRY_ADVICE),
          new Row("ThreadPoolExecutor", JDK, true, POOL_ADVICE),
          new Row("ForkJoinPool", JDK, true, POOL_ADVICE),
          new Row("Timer", JDK, true, "cancel the timer or build it once"),
          new Row("HttpClient", JDK, true, "build one client and share it (JDK 21+: close it)"),
          // the agent's platform threads started by application code, and every thread JFR saw start
          new Row("Thread", JDK, true, "end the thread (join it) before the test or request ends, or run the work on a shared pool"));

  /** Every kind a report can hold: the agent's components (the SDK's, the JDK's pools, timers, HTTP clients and threads), and {@code Thread} from JFR. */
  public static final List<String> KNOWN = ROWS.stream().map(Row::name).toList();

  /** The kinds that own threads: what a plain {@code --max-live N} (and the Maven plugin's default) limits. */
  public static final List<String> THREAD_OWNING = ROWS.stream().filter(Row::ownsThreads).map(Row::name).toList();

  private Kinds() {}

  /** Returns true when {@code name} is a known kind, spelled exactly. */
  public static boolean isKnown(String name) {
    return KNOWN.contains(name);
  }

  /** What to do about live components of {@code kind}; the telemetry advice for a kind not in the table. */
  public static String advice(String kind) {
    for (Row row : ROWS) {
      if (row.name().equals(kind)) {
        return row.advice();
      }
    }
    return TELEMETRY_ADVICE;
  }

  /**
   * Returns the kinds {@code names} select, in table order: kinds and groups ({@value #OPENTELEMETRY},
   * {@value #JDK}), any case; throws {@link IllegalArgumentException} naming a value that is neither.
   */
  public static java.util.Set<String> select(List<String> names) {
    java.util.Set<String> chosen = new java.util.HashSet<>();
    for (String name : names) {
      String trimmed = name == null ? "" : name.trim();
      boolean group = false;
      for (Row row : ROWS) {
        if (row.group().equalsIgnoreCase(trimmed)) {
          chosen.add(row.name());
          group = true;
        }
      }
      if (!group) {
        chosen.add(parse(trimmed));
      }
    }
    java.util.Set<String> ordered = new java.util.LinkedHashSet<>();
    for (Row row : ROWS) {
      if (chosen.contains(row.name())) {
        ordered.add(row.name());
      }
    }
    return java.util.Collections.unmodifiableSet(ordered);
  }

  /**
   * Returns the known kind {@code name} stands for, ignoring case; throws {@link
   * IllegalArgumentException} naming the value and listing the known kinds otherwise.
   */
  public static String parse(String name) {
    String trimmed = name == null ? "" : name.trim();
    for (String kind : KNOWN) {
      if (kind.equalsIgnoreCase(trimmed)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown kind \"" + name + "\" (known kinds: " + String.join(", ", KNOWN) + ")");
  }
}
