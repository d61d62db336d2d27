package dev.leakgate.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options: {@code report=PATH,stackDepth=N,log=quiet|info,jmx=on|off,jdk=scope|start,sdkPackage=P}. Parsing
 * never fails: a bad key or value becomes a problem line and the default is kept, so the application
 * always starts. Parsing is pure (no pid, no file system): {@code attach} validates options in its own JVM.
 */
public final class AgentOptions {
  /** Default depth of the creating stack kept per site; deep enough for framework call chains. */
  public static final int DEFAULT_STACK_DEPTH = 32;
  /** Largest accepted stack depth; deeper stacks cost memory per site without helping a reader. */
  public static final int MAX_STACK_DEPTH = 1024;
  /** What the option keys may be, for messages. */
  public static final String ALLOWED = "report=FILE|FOLDER/ (%p: the pid), stackDepth=1.." + MAX_STACK_DEPTH
      + ", log=quiet|info, jmx=on|off, jdk=scope|start, sdkPackage=PACKAGE (repeatable)";

  private final String reportPath;
  private final int stackDepth;
  private final boolean quiet;
  private final boolean jmx;
  private final boolean jdkAtStart;
  private final List<String> sdkPackages;
  private final List<String> problems;

  private AgentOptions(String reportPath, int stackDepth, boolean quiet, boolean jmx, boolean jdkAtStart,
      List<String> sdkPackages, List<String> problems) {
    this.reportPath = reportPath;
    this.stackDepth = stackDepth;
    this.quiet = quiet;
    this.jmx = jmx;
    this.jdkAtStart = jdkAtStart;
    this.sdkPackages = sdkPackages;
    this.problems = problems;
  }

  /** Parses the agent argument string (may be null or empty). */
  public static AgentOptions parse(String args) {
    String reportPath = null;
    int stackDepth = DEFAULT_STACK_DEPTH;
    boolean quiet = false;
    boolean jmx = false;
    boolean jdkAtStart = false;
    List<String> sdkPackages = new ArrayList<>(1);
    List<String> problems = new ArrayList<>(1);
    if (args != null && !args.trim().isEmpty()) {
      for (String pair : args.split(",")) {
        String item = pair.trim();
        if (item.isEmpty()) {
          continue;
        }
        int eq = item.indexOf('=');
        String key = eq < 0 ? item : item.substring(0, eq).trim();
        String value = eq < 0 ? null : item.substring(eq + 1).trim();
        if (key.equals("report")) {
          String problem = reportPatternProblem(value);
          if (problem != null) {
            problems.add(problem);
          } else {
            reportPath = value;
          }
        } else if (key.equals("stackDepth")) {
          int depth = parseDepth(value);
          if (depth < 0) {
            problems.add("option 'stackDepth' must be a whole number from 1 to " + MAX_STACK_DEPTH
                + ", got '" + value + "'; using " + DEFAULT_STACK_DEPTH);
          } else {
            stackDepth = depth;
          }
        } else if (key.equals("log")) {
          Boolean chosen = either(value, "quiet", "info");
          if (chosen == null) {
            problems.add("option 'log' must be quiet or info, got '" + value + "'; using info");
          } else {
            quiet = chosen;
          }
        } else if (key.equals("jmx")) {
          Boolean chosen = either(value, "on", "off");
          if (chosen == null) {
            problems.add("option 'jmx' must be on or off, got '" + value + "'; using off");
          } else {
            jmx = chosen;
          }
        } else if (key.equals("jdk")) {
          Boolean chosen = either(value, "start", "scope");
          if (chosen == null) {
            problems.add("option 'jdk' must be scope (the JDK's pools, timers, HTTP clients and threads are counted"
                + " once a scope opens) or start (from start-up), got '" + value + "'; using scope");
          } else {
            jdkAtStart = chosen;
          }
        } else if (key.equals("sdkPackage")) {
          if (isRelocatedSdkPackage(value)) {
            sdkPackages.add(value);
          } else {
            problems.add("option 'sdkPackage' must name the package a shade plugin moved the OpenTelemetry SDK to,"
                + " ending in .io.opentelemetry.sdk (e.g. sdkPackage=com.acme.shaded.io.opentelemetry.sdk), got '"
                + value + "'; ignored");
          }
        } else {
          problems.add("unknown option '" + key + "' (allowed: " + ALLOWED + ")");
        }
      }
    }
    return new AgentOptions(reportPath, stackDepth, quiet, jmx, jdkAtStart, List.copyOf(sdkPackages), problems);
  }

  /** True for {@code yes}, false for {@code no}, null for any other value of a two-way option. */
  private static Boolean either(String value, String yes, String no) {
    return yes.equals(value) ? Boolean.TRUE : no.equals(value) ? Boolean.FALSE : null;
  }

  /** Why a report pattern is refused, or null: only %p (the pid) and %% (a literal %) may follow a %. */
  private static String reportPatternProblem(String value) {
    if (value == null || value.isEmpty()) {
      return "option 'report' needs a file or a folder (report=leaks-%p.json or report=reports/); no report is written";
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '%') {
        char next = i + 1 < value.length() ? value.charAt(i + 1) : ' ';
        if (next != 'p' && next != '%') {
          return "option 'report' allows %p (the pid) and %% (a percent sign) only, got '"
              + value.substring(i, Math.min(i + 2, value.length())) + "' in '" + value + "'; no report is written";
        }
        i++;
      }
    }
    return null;
  }

  /** A Java package name (dot-separated identifiers) ending in .io.opentelemetry.sdk. No regex: premain. */
  private static boolean isRelocatedSdkPackage(String value) {
    if (value == null || !value.endsWith(".io.opentelemetry.sdk") || value.length() > 512) {
      return false;
    }
    boolean start = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '.') {
        if (start) {
          return false;
        }
        start = true;
      } else if (start ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
        start = false;
      } else {
        return false;
      }
    }
    return !start;
  }

  private static int parseDepth(String value) {
    if (value == null || value.isEmpty() || value.length() > 4) {
      return -1;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return -1;
      }
    }
    int depth = Integer.parseInt(value);
    return depth >= 1 && depth <= MAX_STACK_DEPTH ? depth : -1;
  }

  /** Where to write the JSON report at exit, as given (may hold %p, may name a folder), or null for none. */
  public String reportPath() {
    return reportPath;
  }

  /** Frames of creating stack kept per site. */
  public int stackDepth() {
    return stackDepth;
  }

  /** Whether the banner and info lines are suppressed. */
  public boolean quiet() {
    return quiet;
  }

  /** Whether the MBean is registered at start ({@code jmx=on}); otherwise only when a probe asks. */
  public boolean jmx() {
    return jmx;
  }

  /**
   * Whether the JDK is woven at start ({@code jdk=start}): its pools, timers, fork-join pools, HTTP
   * clients and threads are counted from start-up, for services that never open a scope (the exit
   * report, a probe). By default ({@code jdk=scope}) nothing of the JDK is woven until the first scope.
   */
  public boolean jdkAtStart() {
    return jdkAtStart;
  }

  /** Packages the OpenTelemetry SDK was relocated to (binary names, e.g. com.acme.shaded.io.opentelemetry.sdk). */
  public List<String> sdkPackages() {
    return sdkPackages;
  }

  /** One line per rejected key or value; empty when all options were accepted. */
  public List<String> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "report=" + (reportPath == null ? "(none)" : reportPath) + ",stackDepth=" + stackDepth
        + ",log=" + (quiet ? "quiet" : "info") + ",jmx=" + (jmx ? "on" : "off") + ",jdk=" + (jdkAtStart ? "start" : "scope")
        + (sdkPackages.isEmpty() ? "" : ",sdkPackage=" + String.join(",sdkPackage=", sdkPackages));
  }
}
