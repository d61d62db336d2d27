package dev.leakgate.reports.gate;

import dev.leakgate.reports.model.Report;
import java.util.List;
import java.util.Objects;

/** The outcome of gating one (possibly merged) report: the failures and notes on what was not checked. */
public record GateResult(Report report, List<GateFailure> failures, List<String> notes) {

  /** Copies the lists. */
  public GateResult {
    Objects.requireNonNull(report, "report");
    failures = List.copyOf(failures);
    notes = List.copyOf(notes);
  }

  /** Returns true when nothing failed. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** Returns {@link Gate#EXIT_PASSED} or {@link Gate#EXIT_FAILED}. */
  public int exitCode() {
    return passed() ? Gate.EXIT_PASSED : Gate.EXIT_FAILED;
  }

  /** Returns the failures of one kind. */
  public List<GateFailure> failuresOf(String kind) {
    return failures.stream().filter(failure -> kind.equals(failure.kind())).toList();
  }

  /** Returns the failures that concern no single kind. */
  public List<GateFailure> reportFailures() {
    return failures.stream().filter(failure -> failure.kind() == null).toList();
  }

  @Override
  public String toString() {
    return (passed() ? "PASSED" : "FAILED " + failures) + (notes.isEmpty() ? "" : " notes " + notes);
  }
}
