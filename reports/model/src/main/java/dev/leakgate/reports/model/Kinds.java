package dev.leakgate.reports.model;

import java.util.List;

/**
 * The component kinds a LeakGate report names, in one list: every option that names a kind is
 * checked against it, and a new kind joins by adding its name here.
 */
public final class Kinds {

  /** Every kind a report can hold: the agent's SDK components, and {@code Thread} from JFR. */
  public static final List<String> KNOWN =
      List.of(
          "BatchSpanProcessor",
          "BatchLogRecordProcessor",
          "PeriodicMetricReader",
          "SdkTracerProvider",
          "SdkMeterProvider",
          "SdkLoggerProvider",
          "OpenTelemetrySdk",
          "Thread");

  private Kinds() {}

  /** Returns true when {@code name} is a known kind, spelled exactly. */
  public static boolean isKnown(String name) {
    return KNOWN.contains(name);
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
