package dev.leakgate.reports.model;

import java.util.Collection;
import java.util.Locale;

/** A verdict, ordered by severity: {@code LEAK > BOUNDED > CHURN > CLEAN}. */
public enum Status {
  /** Nothing new after warm-up. */
  CLEAN(0),
  /** Components created per request but shut down: wasteful, not leaking. */
  CHURN(1),
  /** Growth that stops (a plateau, e.g. one component per pool thread). */
  BOUNDED(2),
  /** Live components keep growing with requests. */
  LEAK(3);

  private final int severity;

  Status(int severity) {
    this.severity = severity;
  }

  /** Returns the severity: higher is worse. */
  public int severity() {
    return severity;
  }

  /** Returns true when this status is worse than {@code other}. */
  public boolean isWorseThan(Status other) {
    return other == null || severity > other.severity;
  }

  /** Returns the worse of the two statuses (null counts as absent). */
  public static Status worse(Status a, Status b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isWorseThan(a) ? b : a;
  }

  /** Returns the worst status of {@code statuses}, or null when there is none. */
  public static Status worst(Collection<Status> statuses) {
    Status worst = null;
    for (Status status : statuses) {
      worst = worse(worst, status);
    }
    return worst;
  }

  /**
   * Returns the statuses of a comma-separated list ({@code LEAK,BOUNDED}, any case), or none for
   * {@code none}; throws {@link IllegalArgumentException} naming the unknown status and what is allowed.
   */
  public static java.util.Set<Status> parseList(String text) {
    java.util.Set<Status> out = java.util.EnumSet.noneOf(Status.class);
    if (text != null && text.trim().equalsIgnoreCase("none")) {
      return out;
    }
    for (String part : (text == null ? "" : text).split(",", -1)) {
      try {
        out.add(valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown status \"" + part.trim() + "\" (expected a comma-separated list of"
            + " LEAK, BOUNDED, CHURN, CLEAN, or none)");
      }
    }
    return out;
  }
}
