package dev.leakgate.agent.watch;

import dev.leakgate.agent.registry.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One alarm rule: {@code KIND>N} trips when more than N components of that kind are live,
 * {@code live>N} when more than N of all kinds together are. Live is created minus shut down, the
 * count the registry keeps, so a rule never depends on thread names. The agent's {@code alarm=} and
 * {@code leakgate status --alarm} read rules with this one parser.
 */
public final class AlarmRule {
  /** The word for all kinds together. */
  public static final String ALL = "live";
  /** Largest threshold accepted: far beyond any JVM, small enough that doubling never overflows. */
  public static final long MAX_THRESHOLD = 1_000_000_000L;

  private final Kind kind;
  private final long threshold;

  private AlarmRule(Kind kind, long threshold) {
    this.kind = kind;
    this.threshold = threshold;
  }

  /** What a rule may be, for messages: every kind by name, so the list grows with the kinds. */
  public static String allowed() {
    StringBuilder kinds = new StringBuilder();
    for (Kind k : Kind.values()) {
      kinds.append(kinds.length() == 0 ? "" : ", ").append(k.name());
    }
    return "KIND>N or " + ALL + ">N, N a whole number from 0 to " + MAX_THRESHOLD + ", KIND one of " + kinds;
  }

  /**
   * Parses rules separated by {@code ;}; each bad one adds a line to {@code problems} naming it and
   * what is allowed, and the good ones are kept.
   */
  public static List<AlarmRule> parseAll(String value, String option, List<String> problems) {
    List<AlarmRule> rules = new ArrayList<>(2);
    if (value == null || value.trim().isEmpty()) {
      problems.add(option + " needs a rule (" + allowed() + ")");
      return rules;
    }
    for (String text : value.split(";")) {
      String rule = text.trim();
      if (rule.isEmpty()) {
        continue;
      }
      AlarmRule parsed = parseOne(rule);
      if (parsed == null) {
        problems.add(option + " rule '" + rule + "' is not " + allowed() + "; ignored");
      } else {
        rules.add(parsed);
      }
    }
    return rules;
  }

  /** One rule, or null when it is not {@code KIND>N} or {@code live>N}. No regex: this may run in premain. */
  private static AlarmRule parseOne(String rule) {
    int gt = rule.indexOf('>');
    if (gt <= 0 || gt != rule.lastIndexOf('>')) {
      return null;
    }
    String name = rule.substring(0, gt).trim();
    long threshold = wholeNumber(rule.substring(gt + 1).trim());
    if (threshold < 0) {
      return null;
    }
    if (name.equals(ALL)) {
      return new AlarmRule(null, threshold);
    }
    Kind kind = Kind.of(name);
    return kind == null ? null : new AlarmRule(kind, threshold);
  }

  private static long wholeNumber(String text) {
    if (text.isEmpty() || text.length() > 10) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    long n = Long.parseLong(text);
    return n <= MAX_THRESHOLD ? n : -1;
  }

  /** The kind this rule counts, or null for all kinds together. */
  public Kind kind() {
    return kind;
  }

  /** The rule trips when the live count is above this. */
  public long threshold() {
    return threshold;
  }

  /** Whether a component of {@code k} counts for this rule. */
  public boolean counts(Kind k) {
    return kind == null || kind == k;
  }

  /** The live count this rule reads from live counts by kind name (absent kinds count 0). */
  public long liveOf(Map<String, Long> livePerKind) {
    if (kind != null) {
      Long live = livePerKind.get(kind.name());
      return live == null ? 0 : live;
    }
    long sum = 0;
    for (Long live : livePerKind.values()) {
      sum += live == null ? 0 : live;
    }
    return sum;
  }

  /** Whether {@code live} is over this rule. */
  public boolean isOver(long live) {
    return live > threshold;
  }

  /** What the rule counts, for messages: the kind's name, or "components" for all kinds. */
  public String subject() {
    return kind == null ? "components" : kind.name();
  }

  /** The rule as written: {@code BatchSpanProcessor>8}, {@code live>20}. */
  @Override
  public String toString() {
    return (kind == null ? ALL : kind.name()) + ">" + threshold;
  }
}
