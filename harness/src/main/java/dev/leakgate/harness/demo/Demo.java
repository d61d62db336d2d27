package dev.leakgate.harness.demo;

import dev.leakgate.harness.service.SdkWarmup;
import dev.leakgate.internal.load.HttpLoad;
import dev.leakgate.harness.registry.InProcessRegistry;
import dev.leakgate.internal.probe.Probe;
import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.Variant;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Kinds;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Sample;
import dev.leakgate.reports.model.Status;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the reference service in each variant, in this JVM with the agent, drives requests at it,
 * and measures each with a {@link Probe}: the original report's table and a verdict per variant.
 */
public final class Demo {
  /** Requests per variant: enough for per-thread's plateau to show against a pool of 4. */
  static final int REQUESTS = 12;
  /** Concurrent first requests for the racy variant, so its check-then-act race can happen. */
  public static final int RACY_CONCURRENCY = 8;

  private Demo() {}

  /** What one variant showed. */
  public record Outcome(Variant variant, Report report, List<Long> jvmThreads, List<Long> workerThreads, Set<Status> expected) {
    /** Whether the verdict is one this variant is meant to produce. */
    public boolean asExpected() {
      return expected.contains(report.verdict().status());
    }
  }

  /** The verdicts each variant is meant to produce (racy: its duplicates stop, so never LEAK). */
  public static Set<Status> expected(Variant variant) {
    switch (variant) {
      case LEAKY:
        return EnumSet.of(Status.LEAK);
      case FIXED:
        return EnumSet.of(Status.CLEAN);
      case CHURN:
        return EnumSet.of(Status.CHURN);
      case PER_THREAD:
        return EnumSet.of(Status.BOUNDED);
      case RACY:
        return EnumSet.of(Status.BOUNDED, Status.CLEAN);
      default:
        throw new IllegalArgumentException("no expectation for " + variant);
    }
  }

  /** Runs every given variant in turn; each service is stopped before the next starts. */
  public static Map<Variant, Outcome> run(List<Variant> variants, Duration settle) {
    SdkWarmup.ensureAgentAndWarm();
    Map<Variant, Outcome> outcomes = new LinkedHashMap<>();
    for (Variant v : variants) {
      outcomes.put(v, runOne(v, settle));
    }
    return outcomes;
  }

  private static Outcome runOne(Variant variant, Duration settle) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Long> jvmThreads = new ArrayList<>();
    List<Long> workers = new ArrayList<>();
    int concurrency = variant == Variant.RACY ? RACY_CONCURRENCY : 1;
    try (CreateAgentService service = CreateAgentService.builder().variant(variant).build().start();
        HttpLoad load = HttpLoad.to(service.uri().resolve("/create_agent"))
            .body("{\"agent\":{\"id\":\"demo-" + variant.label() + "\"}}")
            .concurrency(concurrency)
            .build()) {
      InProcessRegistry registry = new InProcessRegistry();
      Report report = Probe.builder(registry, load)
          .warmup(0)
          .requests(variant == Variant.RACY ? 2 * RACY_CONCURRENCY : REQUESTS)
          .settle(settle)
          .source("demo", variant.label())
          .onSample((Sample s) -> {
            if (jvmThreads.size() < 4) {
              jvmThreads.add((long) threads.getThreadCount());
              workers.add(telemetryThreads(registry.read()));
            }
          })
          .build()
          .run();
      return new Outcome(variant, report, jvmThreads, workers, expected(variant));
    }
  }

  /** The live threads of OpenTelemetry's components (the processors' workers), not the JDK pools' and threads'. */
  private static long telemetryThreads(Report report) {
    Set<String> telemetry = Kinds.select(List.of(Kinds.OPENTELEMETRY));
    long threads = 0;
    for (Map.Entry<String, Counts> e : report.components().entrySet()) {
      if (telemetry.contains(e.getKey())) {
        threads += e.getValue().liveThreads();
      }
    }
    return threads;
  }
}
