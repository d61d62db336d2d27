package dev.leakgate.harness.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the reference service wires its telemetry: the bug, the fix, and the shapes in between. */
public enum Variant {
  /** Agent, Task, Crew and LLM client each build a tracer provider per request, never shut down. */
  LEAKY("leaky"),
  /** One {@code OpenTelemetrySdk} built at start-up, injected, closed at stop. */
  FIXED("fixed"),
  /** A lazily built singleton with an unsynchronised check-then-act: duplicates under a concurrent start. */
  RACY("racy"),
  /** One tracer provider per pool thread: grows to the pool size, then stops. */
  PER_THREAD("per-thread"),
  /** A tracer provider per request, shut down when the request's work ends: created per request, none live. */
  CHURN("churn");

  private final String label;

  Variant(String label) {
    this.label = label;
  }

  /** The name used on the command line and in reports, e.g. {@code per-thread}. */
  public String label() {
    return label;
  }

  /** The allowed labels, comma separated, in declaration order. */
  public static String allowedLabels() {
    return Arrays.stream(values()).map(Variant::label).collect(Collectors.joining(", "));
  }

  /** The variant with this label (case-insensitive); throws with the allowed labels otherwise. */
  public static Variant fromLabel(String label) {
    String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
    for (Variant variant : values()) {
      if (variant.label.equals(wanted)) {
        return variant;
      }
    }
    throw new IllegalArgumentException(
        "Unknown variant '" + label + "' (allowed: " + allowedLabels() + ")");
  }

  @Override
  public String toString() {
    return label;
  }
}
