package dev.leakgate.internal.analysis;

import dev.leakgate.reports.model.KindVerdict;
import dev.leakgate.reports.model.Sample;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.model.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns settled samples into a verdict per kind. Verdicts follow the lifecycle ({@code live} =
 * created − shutdown), so the lingering threads of shut-down processors are never a leak:
 * <ul>
 *   <li>LEAK: live components keep growing with requests (growth in at least
 *       {@value #MIN_GROWING_STEPS} steps, and no plateau at the end);
 *   <li>BOUNDED: live components grew, then stopped (a plateau of at least a third of the
 *       measured steps, and at least {@value #MIN_PLATEAU_STEPS});
 *   <li>CHURN: components were created after warm-up but live did not grow;
 *   <li>CLEAN: nothing was created after warm-up.
 * </ul>
 */
public final class GrowthAnalysis {
  /** A leak grows in at least this many measured steps: one step up is a lazy start, not a leak. */
  static final int MIN_GROWING_STEPS = 2;
  /** A plateau lasts at least this many steps (and a third of them) before growth counts as bounded. */
  static final int MIN_PLATEAU_STEPS = 2;

  private GrowthAnalysis() {}

  /**
   * The verdict over {@code samples} (in request order; the first one at or after {@code warmup}
   * requests is the baseline), with culprit sites ranked by what they added between
   * {@code sitesAtBaseline} and {@code sitesAtEnd}.
   */
  public static Verdict analyse(List<Sample> samples, long warmup, List<Site> sitesAtBaseline, List<Site> sitesAtEnd) {
    List<Sample> measured = new ArrayList<>();
    for (Sample s : samples) {
      if (s.requests() >= warmup) {
        measured.add(s);
      }
    }
    if (measured.size() < 2) {
      throw new IllegalArgumentException("growth needs a baseline and at least one measured sample after "
          + warmup + " warm-up requests; got " + measured.size() + " sample(s)");
    }
    Sample first = measured.get(0);
    Sample last = measured.get(measured.size() - 1);
    long requests = last.requests() - first.requests();

    Set<String> kinds = new LinkedHashSet<>();
    for (Sample s : measured) {
      kinds.addAll(s.created().keySet());
      kinds.addAll(s.live().keySet());
    }
    Map<String, KindVerdict> byKind = new LinkedHashMap<>();
    for (String kind : kinds) {
      byKind.put(kind, kindVerdict(kind, measured));
    }
    Status status = Status.CLEAN;
    for (KindVerdict v : byKind.values()) {
      status = Status.worse(status, v.status());
    }
    double perRequest = 0;
    for (KindVerdict v : byKind.values()) {
      if (v.status() == status) {
        perRequest = Math.max(perRequest, status == Status.CHURN ? v.createdPerRequest() : v.perRequest());
      }
    }
    return new Verdict(status, requests, warmup, round(perRequest), byKind, culprits(byKind, sitesAtBaseline, sitesAtEnd));
  }

  private static KindVerdict kindVerdict(String kind, List<Sample> measured) {
    int n = measured.size();
    double[] x = new double[n];
    double[] live = new double[n];
    double[] created = new double[n];
    for (int i = 0; i < n; i++) {
      Sample s = measured.get(i);
      x[i] = s.requests();
      live[i] = s.liveOf(kind);
      created[i] = s.created().getOrDefault(kind, 0L);
    }
    double livePerRequest = round(slope(x, live));
    double createdPerRequest = round(slope(x, created));
    long liveGrowth = (long) (live[n - 1] - live[0]);
    long createdGrowth = (long) (created[n - 1] - created[0]);

    int growingSteps = 0;
    int trailingFlat = 0;
    for (int i = 1; i < n; i++) {
      if (live[i] > live[i - 1]) {
        growingSteps++;
        trailingFlat = 0;
      } else {
        trailingFlat++;
      }
    }
    int steps = n - 1;
    boolean plateau = trailingFlat >= Math.max(MIN_PLATEAU_STEPS, (steps + 2) / 3);
    Status status;
    if (liveGrowth > 0 && growingSteps >= MIN_GROWING_STEPS && !plateau) {
      status = Status.LEAK;
    } else if (liveGrowth > 0) {
      status = Status.BOUNDED;
    } else if (createdGrowth > 0) {
      status = Status.CHURN;
    } else {
      status = Status.CLEAN;
    }
    return new KindVerdict(status, Math.max(0, livePerRequest), Math.max(0, createdPerRequest));
  }

  /** Sites of the kinds that did not come out CLEAN, ranked by what they added (live, or created for churn). */
  private static List<String> culprits(Map<String, KindVerdict> byKind, List<Site> before, List<Site> after) {
    Map<String, Site> baseline = new HashMap<>();
    for (Site s : before) {
      baseline.put(s.kind() + " " + s.site(), s);
    }
    record Added(String site, Status status, long amount) {}
    List<Added> added = new ArrayList<>();
    for (Site s : after) {
      KindVerdict v = byKind.get(s.kind());
      if (v == null || v.status() == Status.CLEAN) {
        continue;
      }
      Site b = baseline.get(s.kind() + " " + s.site());
      long amount = v.status() == Status.CHURN
          ? s.created() - (b == null ? 0 : b.created())
          : s.live() - (b == null ? 0 : b.live());
      if (amount > 0) {
        added.add(new Added(s.site(), v.status(), amount));
      }
    }
    added.sort(Comparator.comparingInt((Added a) -> -a.status().severity()).thenComparingLong(a -> -a.amount()));
    List<String> sites = new ArrayList<>();
    for (Added a : added) {
      if (!sites.contains(a.site())) {
        sites.add(a.site());
      }
    }
    return sites;
  }

  /** Least-squares slope of y over x. */
  static double slope(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }

  private static double round(double v) {
    return Math.round(v * 100.0) / 100.0;
  }
}
