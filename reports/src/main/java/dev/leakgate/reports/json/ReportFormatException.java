package dev.leakgate.reports.json;

/**
 * A report that cannot be read: missing file, not JSON, wrong schema id, missing or invalid field.
 * The message names the file and the problem on one line, e.g. {@code leaks.json: not a LeakGate
 * report (schema is "foo", expected "leakgate.report/1")}.
 */
public final class ReportFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code source} (a file name) and a one-line {@code problem}. */
  public ReportFormatException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}
