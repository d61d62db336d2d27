package dev.leakgate.internal.probe;

import dev.leakgate.harness.service.SdkWarmup;
import dev.leakgate.harness.registry.InProcessRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.internal.load.HttpLoad;
import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.Variant;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Status;
import dev.leakgate.reports.model.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe's verdict on each variant of the reference service, over real HTTP, with the agent in this JVM. */
class ProbeVerdictIT {

  @BeforeAll
  static void loadAndWeaveTheSdkOnce() {
    SdkWarmup.ensureAgentAndWarm();
  }

  private static Report probe(Variant variant, int warmup, int requests, int concurrency, int poolSize) {
    try (CreateAgentService service = CreateAgentService.builder().variant(variant).poolSize(poolSize).build().start();
        HttpLoad load = HttpLoad.to(service.uri().resolve("/create_agent"))
            .body("{\"agent\":{\"id\":\"probe-it\"}}")
            .concurrency(concurrency)
            .build()) {
      return Probe.builder(new InProcessRegistry(), load).warmup(warmup).requests(requests).build().run();
    }
  }

  @Test
  void leakyIsALeakOfFourSpanProcessorsPerRequestAtTheFourSetupLines() {
    Verdict v = probe(Variant.LEAKY, 2, 6, 1, 4).verdict();

    assertThat(v.status()).isEqualTo(Status.LEAK);
    assertThat(v.byKind().get("BatchSpanProcessor").status()).isEqualTo(Status.LEAK);
    assertThat(v.byKind().get("BatchSpanProcessor").perRequest()).isEqualTo(4.0);
    assertThat(v.perRequest()).isEqualTo(4.0);
    assertThat(v.sites()).anyMatch(s -> s.startsWith("dev.leakgate.harness.service.Agent.<init>(Agent.java:"))
        .anyMatch(s -> s.startsWith("dev.leakgate.harness.service.Task.<init>(Task.java:"))
        .anyMatch(s -> s.startsWith("dev.leakgate.harness.service.Crew.<init>(Crew.java:"))
        .anyMatch(s -> s.startsWith("dev.leakgate.harness.service.LlmClient.<init>(LlmClient.java:"));
  }

  @Test
  void theOriginalLeakIsDetectedWithinThreeMeasuredRequests() {
    Report report = probe(Variant.LEAKY, 0, 3, 1, 4);

    assertThat(report.verdict().status()).isEqualTo(Status.LEAK);
    assertThat(report.samples()).hasSize(4);
    assertThat(report.samples()).extracting(s -> s.liveOf("BatchSpanProcessor") - report.samples().get(0).liveOf("BatchSpanProcessor"))
        .containsExactly(0L, 4L, 8L, 12L);
  }

  @Test
  void fixedIsClean() {
    Verdict v = probe(Variant.FIXED, 2, 8, 1, 4).verdict();

    assertThat(v.status()).isEqualTo(Status.CLEAN);
    assertThat(v.sites()).isEmpty();
  }

  @Test
  void churnIsChurnNeverLeakEvenWhileItsWorkersDrain() {
    Report report = probe(Variant.CHURN, 2, 8, 1, 4);

    assertThat(report.verdict().status()).isEqualTo(Status.CHURN);
    assertThat(report.verdict().byKind().get("BatchSpanProcessor").createdPerRequest()).isEqualTo(1.0);
    assertThat(report.verdict().sites()).singleElement().asString().contains("TelemetryWiring$Churn");
  }

  @Test
  void perThreadGrowsToThePoolSizeAndIsBounded() {
    Verdict v = probe(Variant.PER_THREAD, 0, 12, 1, 4).verdict();

    assertThat(v.status()).isEqualTo(Status.BOUNDED);
    assertThat(v.byKind().get("BatchSpanProcessor").status()).isEqualTo(Status.BOUNDED);
  }

  @Test
  void racyUnderSixteenConcurrentFirstRequestsIsNeverALeak() {
    Verdict v = probe(Variant.RACY, 16, 32, 16, 16).verdict();

    assertThat(v.status()).isNotEqualTo(Status.LEAK);
  }

  @Test
  void fixedUnderConcurrencyEightIsNeverALeakAcrossRepeatedProbes() {
    for (int run = 0; run < 3; run++) {
      assertThat(probe(Variant.FIXED, 8, 24, 8, 8).verdict().status()).as("run " + run).isEqualTo(Status.CLEAN);
    }
  }
}
