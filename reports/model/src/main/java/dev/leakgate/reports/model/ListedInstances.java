package dev.leakgate.reports.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the instances a report lists relate to its counts, for one kind: the counts are exact (kept
 * for every component ever built), the list holds only instances still in memory or running, live
 * or draining, at most {@value Reports#MAX_INSTANCES}. Every renderer says so where the numbers differ.
 *
 * @param kind the component kind
 * @param live live components counted (created − shutdown)
 * @param listedLive live instances listed
 * @param listedDraining instances listed that are shut down while a thread still runs (not live)
 * @param outsideScopes instances listed that no scope holds (built at start-up, in a static initialiser)
 */
public record ListedInstances(String kind, long live, long listedLive, long listedDraining, long outsideScopes) {

  /** One row per kind counted or listed, in the report's order of kinds. */
  public static List<ListedInstances> of(Report report) {
    Map<String, long[]> listed = new LinkedHashMap<>();
    report.kinds().forEach(kind -> listed.put(kind, new long[3]));
    for (Instance instance : report.instances()) {
      long[] n = listed.computeIfAbsent(instance.kind(), kind -> new long[3]);
      n[instance.shutdown() ? 1 : 0]++;
      if (instance.scope() == null) {
        n[2]++;
      }
    }
    List<ListedInstances> rows = new ArrayList<>();
    listed.forEach((kind, n) -> rows.add(new ListedInstances(
        kind, report.components().getOrDefault(kind, Counts.ZERO).live(), n[0], n[1], n[2])));
    return rows;
  }

  /**
   * The sentences that explain why a list of {@code report}'s instances holds other numbers than its
   * counts, one per kind and reason; empty when they add up. Kinds are raw report text.
   */
  public static List<String> differences(Report report) {
    boolean capped = report.instances().size() >= Reports.MAX_INSTANCES;
    List<String> sentences = new ArrayList<>();
    for (ListedInstances row : of(report)) {
      long unlisted = row.live() - row.listedLive();
      if (unlisted > 0) {
        sentences.add(row.live() + " " + row.kind() + " counted live, " + row.listedLive() + " listed: the other "
            + unlisted + (capped
                ? " are beyond the first " + Reports.MAX_INSTANCES + " instances the report keeps, or were"
                : (unlisted == 1 ? " was" : " were"))
            + " garbage-collected without shutdown() (still counted live, no longer in memory)");
      }
      if (row.listedDraining() > 0) {
        sentences.add(row.listedDraining() + " " + row.kind() + " listed "
            + (row.listedDraining() == 1 ? "is" : "are") + " draining: shut down, a worker thread still ending (not counted live)");
      }
    }
    return sentences;
  }

  /** The instances listed that no scope holds, all kinds together. */
  public static long outsideScopes(Report report) {
    return of(report).stream().mapToLong(ListedInstances::outsideScopes).sum();
  }
}
