package dev.leakgate.reports.gate;

import dev.leakgate.reports.model.Site;
import java.util.List;

/**
 * One reason the gate failed.
 *
 * @param kind the component kind, or null when the failure concerns the whole report
 * @param type the status that failed ({@code LEAK}, ...) or the rule: {@code MAX_PER_REQUEST},
 *     {@code MAX_LIVE}, {@code NEW_SITE}, {@code HIGHER_RATE}
 * @param message one line for people
 * @param culprits the culprit sites behind it (may be empty)
 */
public record GateFailure(String kind, String type, String message, List<Site> culprits) {

  /** Copies the culprits. */
  public GateFailure {
    culprits = List.copyOf(culprits);
  }

  @Override
  public String toString() {
    return type + ": " + message;
  }
}
