package dev.leakgate.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code -javaagent:} argument of the LeakGate agent, and a JVM argument line it is added to. */
final class AgentArgLine {

  /** Matches an earlier LeakGate agent argument (a second prepare-agent run replaces it). */
  private static final Pattern EARLIER_AGENT =
      Pattern.compile("\\s*(?:\"-javaagent:[^\"]*leakgate-agent[^\"]*\"|-javaagent:\\S*leakgate-agent\\S*)");

  private AgentArgLine() {}

  /**
   * Returns {@code -javaagent:JAR=log=quiet,report=FOLDER/[,options]}, the folder escaped for the
   * agent, quoted when a path holds a space (Surefire splits its argLine on spaces outside quotes).
   */
  static String agentArgument(Path agentJar, Path reportFolder, String extraOptions) {
    List<String> options = new ArrayList<>();
    options.add("log=quiet");
    // the trailing separator makes the agent write one leakgate-<pid>-<millis>.json per JVM there
    options.add("report=" + escapeOptionValue(reportFolder.toAbsolutePath() + "/"));
    if (extraOptions != null && !extraOptions.isBlank()) {
      options.add(extraOptions.trim());
    }
    String argument = "-javaagent:" + agentJar.toAbsolutePath() + "=" + String.join(",", options);
    return argument.contains(" ") ? "\"" + argument + "\"" : argument;
  }

  /**
   * A path as the agent reads it back whole: {@code %} becomes {@code %%} and {@code ,} (the option
   * separator) becomes {@code %,}, so {@code /ci/feature,x/%2Fmain/} stays one folder.
   */
  static String escapeOptionValue(String value) {
    return value.replace("%", "%%").replace(",", "%,");
  }

  /** Returns {@code existing} (the user's own arguments, kept) followed by {@code agentArgument}. */
  static String append(String existing, String agentArgument) {
    String kept = existing == null ? "" : EARLIER_AGENT.matcher(existing).replaceAll("").trim();
    return kept.isEmpty() ? agentArgument : kept + " " + agentArgument;
  }
}
