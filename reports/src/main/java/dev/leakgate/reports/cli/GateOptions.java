package dev.leakgate.reports.cli;

import dev.leakgate.reports.gate.GatePolicy;
import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.json.JsonReports;
import dev.leakgate.reports.model.Status;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The gate's options, shared by {@code gate} and {@code render} (whose JUnit XML follows the gate). */
public final class GateOptions {

  @Option(
      names = "--fail-on",
      paramLabel = "STATUS[,STATUS...]|none",
      defaultValue = "LEAK",
      converter = StatusListConverter.class,
      description = {
        "Statuses that fail the gate, comma-separated: LEAK, BOUNDED, CHURN, CLEAN, or none (default: ${DEFAULT-VALUE}).",
        "Applies only to reports with a verdict."
      })
  StatusList failOn;

  @Option(
      names = "--max-per-request",
      paramLabel = "X",
      description = "Fail when any kind adds more than X live components per request (reports with a verdict).")
  Double maxPerRequest;

  @Option(
      names = "--max-live",
      paramLabel = "[KIND=]N",
      converter = MaxLiveConverter.class,
      completionCandidates = KnownKinds.class,
      description = {
        "Fail when more than N components of KIND are live (repeatable). A plain N limits each kind that "
            + "owns threads: BatchSpanProcessor, BatchLogRecordProcessor, PeriodicMetricReader, "
            + "ThreadPoolExecutor, ForkJoinPool, Timer, HttpClient and Thread.",
        "KIND is one of ${COMPLETION-CANDIDATES}.",
        "The only rule that applies to reports without a verdict, such as the agent's exit report."
      })
  List<MaxLive> maxLive;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = {
        "Compare with this earlier report: fail on culprit sites it did not have, on kinds newly in "
            + "--fail-on, and on rates above its own by more than the tolerance; an unchanged leaking site passes."
      })
  Path baseline;

  @Option(
      names = "--tolerance",
      paramLabel = "X",
      defaultValue = "0.5",
      description = "With --baseline: a rate may rise by X components per request (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(
      names = "--tolerance-percent",
      paramLabel = "P",
      defaultValue = "10",
      description = "With --baseline: ... or by P %% of the baseline rate, whichever is larger (default: ${DEFAULT-VALUE}).")
  double tolerancePercent;

  /** Returns the policy these options describe. */
  public GatePolicy policy() {
    return new GatePolicy(
        failOn == null ? EnumSet.noneOf(Status.class) : failOn.statuses(),
        maxPerRequest,
        limits(maxLive == null ? List.of() : maxLive),
        tolerance,
        tolerancePercent / 100.0);
  }

  /** Returns the per-kind limits of {@code --max-live} values: a plain N limits every thread-owning kind. */
  public static Map<String, Long> limits(List<MaxLive> maxLive) {
    Map<String, Long> limits = new LinkedHashMap<>();
    for (MaxLive limit : maxLive) {
      if (limit.kind() == null) {
        Kinds.THREAD_OWNING.forEach(kind -> limits.put(kind, limit.max()));
      } else {
        limits.put(limit.kind(), limit.max());
      }
    }
    return limits;
  }

  /**
   * Parses one {@code [KIND=]N} limit; throws {@link IllegalArgumentException} with a message
   * naming the value and the rule.
   */
  public static MaxLive parseMaxLive(String value) {
    int equals = value.indexOf('=');
    String kind = equals < 0 ? null : value.substring(0, equals).trim();
    String number = equals < 0 ? value.trim() : value.substring(equals + 1).trim();
    if (kind != null && kind.isEmpty()) {
      throw new IllegalArgumentException("expected [KIND=]N but the kind is empty in \"" + value + "\"");
    }
    if (kind != null) {
      kind = Kinds.parse(kind);
    }
    try {
      long max = Long.parseLong(number);
      if (max < 0) {
        throw new NumberFormatException();
      }
      return new MaxLive(kind, max);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected [KIND=]N with N a whole number >= 0, got \"" + value + "\"");
    }
  }

  /** Reads the baseline report, or returns null when none was given. */
  public Report readBaseline() throws ReportFormatException {
    return baseline == null ? null : JsonReports.read(baseline);
  }

  /** One {@code --max-live} value: a kind (null for every thread-owning kind) and its limit. */
  public record MaxLive(String kind, long max) {}

  /** The statuses {@code --fail-on} names (none for {@code none}). */
  record StatusList(java.util.Set<Status> statuses) {}

  /** Reads {@code LEAK,bounded}, ... or {@code none}. */
  static final class StatusListConverter implements ITypeConverter<StatusList> {
    @Override
    public StatusList convert(String value) {
      try {
        return new StatusList(Status.parseList(value));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The kinds {@code --max-live} accepts, as its help lists them. */
  static final class KnownKinds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Kinds.KNOWN.iterator();
    }
  }

  /** Reads {@code N} or {@code KIND=N}. */
  static final class MaxLiveConverter implements ITypeConverter<MaxLive> {
    @Override
    public MaxLive convert(String value) {
      try {
        return parseMaxLive(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
