package dev.leakgate.agent.report;

import java.io.File;

/**
 * Where this JVM's exit report goes: {@code report=} with {@code %p} replaced by the pid, and a folder
 * (a value ending in {@code /} or an existing directory) given a name of its own,
 * {@code leakgate-<pid>-<start millis>.json}, so JVMs sharing one option never share one file.
 * Checking at start uses {@link java.io.File} only and creates nothing; the pid is read at exit,
 * since reading it at start would load a process API (a thread pool's worth of classes) in premain.
 */
public final class ReportLocation {
  /** Stands in for the pid in the start-up check: only the folders above a pid-named one are checked. */
  private static final long PID_UNKNOWN = 0;

  private final String key;
  private final String option;
  private final long startMillis;

  private ReportLocation(String key, String option, long startMillis) {
    this.key = key;
    this.option = option;
    this.startMillis = startMillis;
  }

  /** A {@code report=} value already checked by AgentOptions (only %p, %% and %, after a %), for a JVM whose agent started then. */
  public static ReportLocation of(String option, long startMillis) {
    return of("report", option, startMillis);
  }

  /** The same for the agent option {@code key} ({@code report}, {@code alarmReport}), which messages name. */
  public static ReportLocation of(String key, String option, long startMillis) {
    return new ReportLocation(key, option, startMillis);
  }

  /** The report file of the JVM with this pid. */
  public File file(long pid) {
    StringBuilder path = new StringBuilder(option.length() + 16);
    for (int i = 0; i < option.length(); i++) {
      char c = option.charAt(i);
      if (c == '%' && i + 1 < option.length()) {
        char next = option.charAt(++i);
        path.append(next == 'p' ? String.valueOf(pid) : String.valueOf(next));
      } else {
        path.append(c);
      }
    }
    String expanded = path.toString();
    boolean folder = expanded.endsWith("/") || expanded.endsWith(File.separator) || new File(expanded).isDirectory();
    File file = folder ? new File(expanded, "leakgate-" + pid + "-" + startMillis + ".json") : new File(expanded);
    return file.getAbsoluteFile();
  }

  /**
   * Why the report could not be written there, or null when it can: its folder must exist or be
   * creatable, i.e. the nearest existing ancestor is a writable directory. Checked at start, so a
   * typo costs one line then rather than a lost report at exit.
   */
  public String problem() {
    File file = file(PID_UNKNOWN);
    File folder = file.getParentFile();
    File existing = folder;
    while (existing != null && !existing.exists()) {
      existing = existing.getParentFile();
    }
    String reason = null;
    if (file.isDirectory()) {
      reason = file + " is a folder";
    } else if (existing == null) {
      reason = "no part of " + folder + " exists";
    } else if (!existing.isDirectory()) {
      reason = existing + " is a file, not a folder";
    } else if (!existing.canWrite()) {
      reason = existing + " is not writable";
    }
    return reason == null ? null
        : "option '" + key + "' needs a file or folder this JVM can create or write (" + key + "=leaks-%p.json or "
            + key + "=reports/), got '" + option + "': " + reason + "; no report is written";
  }

  /** The option as given ({@code %p} and all). */
  @Override
  public String toString() {
    return option;
  }
}
