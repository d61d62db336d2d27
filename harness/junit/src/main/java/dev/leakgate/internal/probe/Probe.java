package dev.leakgate.internal.probe;

import dev.leakgate.internal.analysis.GrowthAnalysis;
import dev.leakgate.internal.analysis.Sampler;
import dev.leakgate.internal.load.LoadDriver;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Sample;
import dev.leakgate.reports.model.Source;
import dev.leakgate.reports.model.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drives requests against code that a LeakGate registry observes and measures growth per request:
 * warm-up, then one settled sample after every round of requests (a round is as many requests as
 * the driver's concurrency), then a verdict. The result is one report with samples and verdict.
 */
public final class Probe {
  /** Default measured requests: enough for a plateau to show against a pool of 4 to 8 threads. */
  public static final int DEFAULT_REQUESTS = 20;
  /** Default warm-up requests: lazy start-up (a first SDK, pool threads) is not growth. */
  public static final int DEFAULT_WARMUP = 2;
  /**
   * The baseline after warm-up waits for a stillness this many times the settle window: a cold
   * start (class loading, the agent weaving SDK classes) can pause a request's work for longer than
   * the window, and work of the warm-up that lands after the baseline would count as growth.
   */
  static final int BASELINE_SETTLE_FACTOR = 5;

  private final RegistryClient registry;
  private final LoadDriver load;
  private final int requests;
  private final int warmup;
  private final Duration settle;
  private final Duration timeout;
  private final String tool;
  private final String label;
  private final Consumer<Sample> onSample;

  private Probe(Builder b) {
    this.registry = b.registry;
    this.load = b.load;
    this.requests = b.requests;
    this.warmup = b.warmup;
    this.settle = b.settle;
    this.timeout = b.timeout;
    this.tool = b.tool;
    this.label = b.label;
    this.onSample = b.onSample;
  }

  /** A probe reading {@code registry} while {@code load} sends the requests. */
  public static Builder builder(RegistryClient registry, LoadDriver load) {
    return new Builder(registry, load);
  }

  /** Runs warm-up and measured requests and returns the report with samples and verdict. */
  public Report run() {
    Sampler sampler = new Sampler(registry, settle, timeout);
    List<Sample> samples = new ArrayList<>();
    long done = 0;
    record(samples, sampler.sample(done));
    while (done < warmup) {
      int n = (int) Math.min(load.concurrency(), warmup - done);
      load.send(n);
      done += n;
      boolean last = done >= warmup;
      record(samples, last ? sampler.sample(done, baselineWindow()) : sampler.sample(done));
    }
    Report baseline = sampler.lastReport();
    long lingerWaited = -1;
    while (done < (long) warmup + requests) {
      int n = (int) Math.min(load.concurrency(), (long) warmup + requests - done);
      load.send(n);
      done += n;
      boolean last = done >= (long) warmup + requests;
      if (last && !registry.linger().isZero()) {
        long start = System.nanoTime();
        record(samples, sampler.sample(done, stillnessWindow(registry.linger())));
        lingerWaited = Duration.ofNanos(System.nanoTime() - start).toMillis();
      } else {
        record(samples, sampler.sample(done));
      }
    }
    Report end = sampler.lastReport();
    Verdict verdict = GrowthAnalysis.analyse(samples, warmup, baseline.sites(), end.sites());
    if (lingerWaited >= 0) {
      verdict = verdict.withLingerMillis(lingerWaited);
    }
    Source from = end.source();
    Source source = new Source(tool, label, from == null ? null : from.pid(), from == null ? null : from.agentVersion());
    return new Report(Report.SCHEMA, Instant.now().toString(), source, end.components(), end.sites(),
        end.instances(), end.preExistingThreads(), samples, verdict);
  }

  private Duration baselineWindow() {
    return stillnessWindow(settle.multipliedBy(BASELINE_SETTLE_FACTOR));
  }

  /** A longer stillness window than the settle window, within half the timeout so it can still be met. */
  private Duration stillnessWindow(Duration wanted) {
    Duration cap = timeout.dividedBy(2);
    Duration window = wanted.compareTo(cap) <= 0 ? wanted : cap;
    return window.compareTo(settle) >= 0 ? window : settle;
  }

  private void record(List<Sample> samples, Sample sample) {
    samples.add(sample);
    if (onSample != null) {
      onSample.accept(sample);
    }
  }

  @Override
  public String toString() {
    return "Probe{requests=" + requests + ", warmup=" + warmup + ", settle=" + settle.toMillis() + "ms, timeout="
        + timeout.toSeconds() + "s, " + load + ", " + registry + "}";
  }

  /** Settings of a probe; every one has a default. */
  public static final class Builder {
    private final RegistryClient registry;
    private final LoadDriver load;
    private int requests = DEFAULT_REQUESTS;
    private int warmup = DEFAULT_WARMUP;
    private Duration settle = Sampler.DEFAULT_SETTLE;
    private Duration timeout = Sampler.DEFAULT_TIMEOUT;
    private String tool = "probe";
    private String label;
    private Consumer<Sample> onSample;

    private Builder(RegistryClient registry, LoadDriver load) {
      this.registry = registry;
      this.load = load;
    }

    /** Measured requests after warm-up (at least 2, so growth has two steps to show). */
    public Builder requests(int requests) {
      if (requests < 2) {
        throw new IllegalArgumentException("requests must be at least 2, got " + requests);
      }
      this.requests = requests;
      return this;
    }

    /** Warm-up requests, not measured (0 or more). */
    public Builder warmup(int warmup) {
      if (warmup < 0) {
        throw new IllegalArgumentException("warmup must be 0 or more, got " + warmup);
      }
      this.warmup = warmup;
      return this;
    }

    /** How long counts must be still before a sample is taken. */
    public Builder settle(Duration settle) {
      this.settle = settle;
      return this;
    }

    /** How long one sample may wait for counts to settle. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Who writes the report ({@code probe}, {@code demo}, {@code junit}) and a label (a variant, a test). */
    public Builder source(String tool, String label) {
      this.tool = tool;
      this.label = label;
      return this;
    }

    /** Called with each sample as it is taken (progress output). */
    public Builder onSample(Consumer<Sample> onSample) {
      this.onSample = onSample;
      return this;
    }

    /** The probe. */
    public Probe build() {
      if (timeout.compareTo(settle) <= 0) {
        throw new IllegalArgumentException("timeout (" + timeout.toSeconds() + " s) must be longer than settle (" + settle.toMillis() + " ms)");
      }
      return new Probe(this);
    }
  }
}
