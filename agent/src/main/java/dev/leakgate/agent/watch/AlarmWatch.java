package dev.leakgate.agent.watch;

import dev.leakgate.agent.AgentMain;
import dev.leakgate.agent.registry.CallSite;
import dev.leakgate.agent.registry.Counts;
import dev.leakgate.agent.registry.Kind;
import dev.leakgate.agent.registry.LifecycleListener;
import dev.leakgate.agent.registry.LifecycleListeners;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.SiteSnapshot;
import dev.leakgate.agent.registry.Snapshot;
import dev.leakgate.agent.report.ReportFile;
import dev.leakgate.agent.report.ReportJson;
import dev.leakgate.agent.report.ReportLocation;
import java.io.File;
import java.util.List;

/**
 * The agent's {@code alarm=} rules, checked at every creation: when one trips, one line on stderr
 * names the rule, the live count, the growth per minute, the top creating lines and the advice, and
 * with {@code alarmReport=} the report is written at that moment. A rule fires again only once its
 * count has doubled since it last fired, so a steady leak gives a line per doubling, not a flood.
 *
 * <p>It runs on the thread that built the component which tripped the rule, inside the component's
 * constructor: below the threshold that is two counter reads per rule; a firing takes one snapshot
 * of the registry and, with {@code alarmReport=}, one file write.
 */
public final class AlarmWatch implements LifecycleListener {
  /** Top creating lines an alarm names. */
  static final int TOP_SITES = 3;
  /** The same advice the gate gives. */
  static final String ADVICE = "build telemetry once at start-up; shut down what you build";

  private static volatile AlarmWatch installed;

  private final Rule[] rules;
  private final ReportLocation report;
  private final long startMillis;

  private AlarmWatch(List<AlarmRule> rules, ReportLocation report, long startMillis) {
    this.rules = new Rule[rules.size()];
    for (int i = 0; i < this.rules.length; i++) {
      this.rules[i] = new Rule(rules.get(i), startMillis);
    }
    this.report = report;
    this.startMillis = startMillis;
  }

  /** Starts watching {@code rules}; {@code report} (may be null) is written at each firing. */
  public static void install(List<AlarmRule> rules, ReportLocation report, long startMillis) {
    AlarmWatch watch = new AlarmWatch(rules, report, startMillis);
    installed = watch;
    LifecycleListeners.add(watch);
  }

  /** One line per rule of {@code alarm=}: its live count and whether and how often it fired; empty without rules. */
  public static String[] describe() {
    AlarmWatch watch = installed;
    if (watch == null) {
      return new String[0];
    }
    String[] out = new String[watch.rules.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = watch.rules[i].describe();
    }
    return out;
  }

  @Override
  public void created(Kind kind, long id, CallSite site, String scope) {
    for (Rule rule : rules) {
      if (rule.rule.counts(kind)) {
        check(rule);
      }
    }
  }

  @Override
  public void shutdown(Kind kind, long id, CallSite site, CallSite shutdownSite) {
    // a rule trips on growth only
  }

  private void check(Rule rule) {
    long live = rule.live();
    rule.noteHalfway(live);
    if (live < rule.nextFire) {
      return;
    }
    String line;
    synchronized (rule) {
      if (live < rule.nextFire) {
        return; // another thread fired for this count
      }
      line = rule.fire(live, report);
    }
    System.err.println(line);
  }

  /** One rule's state: the count that fires it next, and where the growth window starts. */
  private static final class Rule {
    final AlarmRule rule;
    /** The live count that fires next: above the threshold at first, then double the count at the last firing. */
    volatile long nextFire;
    private volatile long halfMark;
    private long windowStartMillis;
    private long windowStartLive;
    private int fired;
    private long lastFiredLive;

    Rule(AlarmRule rule, long startMillis) {
      this.rule = rule;
      this.nextFire = rule.threshold() + 1;
      this.halfMark = nextFire / 2;
      this.windowStartMillis = startMillis;
    }

    long live() {
      Kind only = rule.kind();
      if (only != null) {
        return Registry.live(only);
      }
      long live = 0;
      for (Kind k : Kind.values()) {
        live += Registry.live(k);
      }
      return live;
    }

    /** The growth window starts when the count first reaches half the next firing count. */
    void noteHalfway(long live) {
      if (halfMark > 0 && live >= halfMark) {
        synchronized (this) {
          if (halfMark > 0 && live >= halfMark) {
            halfMark = 0;
            windowStartMillis = System.currentTimeMillis();
            windowStartLive = live;
          }
        }
      }
    }

    /** Called under this rule's lock with {@code live >= nextFire}: the line to print. */
    String fire(long live, ReportLocation report) {
      long now = System.currentTimeMillis();
      long window = Math.max(1, now - windowStartMillis);
      long grown = live - windowStartLive;
      fired++;
      lastFiredLive = live;
      nextFire = Math.max(live * 2, live + 1);
      // the next window starts now, halfway to the next firing
      windowStartMillis = now;
      windowStartLive = live;
      halfMark = 0;
      Snapshot snapshot = Registry.snapshot();
      StringBuilder line = new StringBuilder(256);
      line.append("leakgate: alarm ").append(rule).append(": ").append(live).append(" live ").append(rule.subject());
      if (rule.kind() == null) {
        byKind(line, snapshot);
      }
      line.append(", growing ").append(oneDecimal(grown * 60_000.0 / window)).append(" per minute (+")
          .append(grown).append(" in ").append(duration(window)).append(')');
      topSites(line, snapshot);
      line.append("; ").append(ADVICE).append(" (next alarm at ").append(nextFire).append(" live");
      if (report != null) {
        line.append("; ").append(writeReport(report, snapshot));
      }
      return line.append(')').toString();
    }

    private void byKind(StringBuilder line, Snapshot snapshot) {
      line.append(" (");
      boolean first = true;
      for (Kind k : Kind.values()) {
        Counts c = snapshot.counts(k);
        if (c.live() > 0) {
          line.append(first ? "" : ", ").append(k.name()).append(' ').append(c.live());
          first = false;
        }
      }
      line.append(')');
    }

    private void topSites(StringBuilder line, Snapshot snapshot) {
      int shown = 0;
      for (SiteSnapshot site : snapshot.sites()) {
        if (shown == TOP_SITES || site.counts().live() <= 0) {
          break; // sites come most live first
        }
        if (!rule.counts(site.kind())) {
          continue;
        }
        line.append(shown == 0 ? "; top creating lines: " : ", ").append(site.counts().live());
        if (rule.kind() == null) {
          line.append(' ').append(site.kind().name());
        }
        line.append(" at ").append(site.site());
        shown++;
      }
    }

    private static String writeReport(ReportLocation report, Snapshot snapshot) {
      File file = report.file(ProcessHandle.current().pid());
      try {
        ReportFile.write(file.toPath(), ReportJson.toJson(snapshot, "agent", AgentMain.version()));
        return "report: " + file;
      } catch (Throwable t) {
        return "could not write the report to " + file + ": " + t;
      }
    }

    synchronized String describe() {
      long live = live();
      StringBuilder out = new StringBuilder().append(rule).append(": ").append(live).append(" live, ")
          .append(rule.isOver(live) ? "over" : "not over");
      if (fired == 0) {
        return out.append(", not fired").toString();
      }
      return out.append(", fired ").append(fired).append(fired == 1 ? " time" : " times").append(" (last at ")
          .append(lastFiredLive).append(" live), next at ").append(nextFire).append(" live").toString();
    }
  }

  static String oneDecimal(double value) {
    long tenths = Math.round(value * 10);
    return tenths / 10 + "." + tenths % 10;
  }

  static String duration(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 120_000) {
      return millis / 1000 + " s";
    }
    return millis / 60_000 + " min";
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("AlarmWatch{");
    for (Rule r : rules) {
      out.append(r.rule).append(' ');
    }
    return out.append("report=").append(report).append(", since ").append(startMillis).append('}').toString();
  }
}
