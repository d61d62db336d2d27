package dev.leakgate.internal.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakgate.reports.model.Sample;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrowthAnalysisTest {
  private static final String BSP = "BatchSpanProcessor";

  /** Samples of one kind: live[i] and created[i] after i requests. */
  private static List<Sample> samples(long[] live, long[] created) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < live.length; i++) {
      out.add(new Sample(i, Map.of(BSP, live[i]), Map.of(BSP, created[i]), live[i]));
    }
    return out;
  }

  private static long[] line(int n, long start, long step) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = start + step * i;
    }
    return v;
  }

  private static Site site(String name, long created, long live) {
    return new Site(BSP, name, "C", "m", "C.java", 1, created, created - live, live, live, List.of(), List.of(), List.of());
  }

  @Test
  void fourProcessorsPerRequestThatNeverStopIsALeakAtFourPerRequest() {
    Verdict v = GrowthAnalysis.analyse(samples(line(23, 0, 4), line(23, 0, 4)), 2, List.of(), List.of());

    assertThat(v.status()).isEqualTo(Status.LEAK);
    assertThat(v.perRequest()).isEqualTo(4.0);
    assertThat(v.byKind().get(BSP).perRequest()).isEqualTo(4.0);
    assertThat(v.requests()).isEqualTo(20);
    assertThat(v.warmup()).isEqualTo(2);
  }

  @Test
  void theOriginalLeakShowsWithinThreeMeasuredRequests() {
    // 0 -> 4 -> 8 -> 12: warm-up 0, three measured requests
    Verdict v = GrowthAnalysis.analyse(samples(line(4, 0, 4), line(4, 0, 4)), 0, List.of(), List.of());

    assertThat(v.status()).isEqualTo(Status.LEAK);
    assertThat(v.perRequest()).isEqualTo(4.0);
  }

  @Test
  void growthThatStopsAtThePoolSizeIsBounded() {
    long[] live = {0, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4};
    Verdict v = GrowthAnalysis.analyse(samples(live, live), 0, List.of(), List.of());

    assertThat(v.status()).isEqualTo(Status.BOUNDED);
  }

  @Test
  void componentsCreatedAndShutDownPerRequestAreChurnNeverLeak() {
    Verdict v = GrowthAnalysis.analyse(samples(line(12, 0, 0), line(12, 0, 4)), 2, List.of(), List.of());

    assertThat(v.status()).isEqualTo(Status.CHURN);
    assertThat(v.byKind().get(BSP).createdPerRequest()).isEqualTo(4.0);
    assertThat(v.perRequest()).isEqualTo(4.0);
  }

  @Test
  void nothingNewAfterWarmUpIsClean() {
    long[] live = {0, 1, 1, 1, 1, 1, 1};
    Verdict v = GrowthAnalysis.analyse(samples(live, live), 1, List.of(), List.of());

    assertThat(v.status()).isEqualTo(Status.CLEAN);
    assertThat(v.perRequest()).isZero();
    assertThat(v.sites()).isEmpty();
  }

  @Test
  void aSingleStepUpIsALazyStartNotALeak() {
    long[] live = {0, 0, 0, 0, 0, 0, 1};
    Verdict v = GrowthAnalysis.analyse(samples(live, live), 0, List.of(), List.of());

    assertThat(v.status()).isNotEqualTo(Status.LEAK);
  }

  @Test
  void culpritsAreTheSitesThatAddedLiveComponentsWorstFirst() {
    List<Site> before = List.of(site("A.build(A.java:10)", 2, 2), site("B.build(B.java:20)", 1, 1), site("C.once(C.java:5)", 1, 1));
    List<Site> after = List.of(site("A.build(A.java:10)", 42, 42), site("B.build(B.java:20)", 3, 3), site("C.once(C.java:5)", 1, 1));
    Verdict v = GrowthAnalysis.analyse(samples(line(21, 4, 2), line(21, 4, 2)), 0, before, after);

    assertThat(v.sites()).containsExactly("A.build(A.java:10)", "B.build(B.java:20)");
  }

  @Test
  void withoutTwoMeasuredSamplesThereIsNoGrowthToJudge() {
    assertThatThrownBy(() -> GrowthAnalysis.analyse(samples(new long[] {0, 1}, new long[] {0, 1}), 1, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one measured sample");
  }

  @Test
  void slopeIsTheLeastSquaresFit() {
    assertThat(GrowthAnalysis.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7})).isEqualTo(2.0);
    assertThat(GrowthAnalysis.slope(new double[] {5, 5}, new double[] {1, 9})).isZero();
  }
}
