package dev.leakgate.internal.analysis;

import static org.awaitility.Awaitility.await;

import dev.leakgate.internal.probe.Lifecycle;
import dev.leakgate.internal.probe.ProbeException;
import dev.leakgate.internal.probe.RegistryClient;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Sample;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Takes a sample once the registry's lifecycle counts (created and shut down, per kind) have been
 * still for the settle window — polling only those counts, and reading the full report once they
 * are still (the observed JVM never builds a report 50 times a second), so work that continues after a response (a pool task) is counted
 * for the request that caused it. Polls; never sleeps a fixed time. Thread exits are not waited
 * for: a draining worker may take its schedule delay to exit, and verdicts follow the lifecycle.
 */
public final class Sampler {
  /** Counts still this long count as settled: longer than a pool's hand-off, short enough for 20 requests a second. */
  public static final Duration DEFAULT_SETTLE = Duration.ofMillis(200);
  /** Counts that never settle within this fail the measurement instead of hanging it. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Polling interval while settling. */
  private static final Duration POLL = Duration.ofMillis(20);
  /**
   * The threads that poll, one pool for the JVM (built in this static initialiser: process-wide).
   * Awaitility would otherwise build a pool per wait, in the very scope being read: a test would find
   * the pool that measures it.
   */
  private static final ExecutorService POLLER = Executors.newCachedThreadPool(new PollerThreads());

  private final RegistryClient registry;
  private final Duration settle;
  private final Duration timeout;
  private Report last;

  /** A sampler reading {@code registry}, settling for {@code settle}, giving up after {@code timeout}. */
  public Sampler(RegistryClient registry, Duration settle, Duration timeout) {
    if (settle.isNegative() || timeout.compareTo(settle) <= 0) {
      throw new IllegalArgumentException("settle must be >= 0 and shorter than timeout (settle " + settle + ", timeout " + timeout + ")");
    }
    this.registry = registry;
    this.settle = settle;
    this.timeout = timeout;
  }

  /** Waits until the counts are still, then returns them as the sample after {@code requests} requests. */
  public Sample sample(long requests) {
    return sample(requests, settle);
  }

  /** As {@link #sample(long)}, with a different stillness window (e.g. a longer one after a cold start). */
  public Sample sample(long requests, Duration window) {
    Report report = settle(window);
    return toSample(requests, report);
  }

  /** The report read when the last sample settled. */
  public Report lastReport() {
    if (last == null) {
      throw new IllegalStateException("no sample taken yet");
    }
    return last;
  }

  /** Waits until the lifecycle counts have been still for the settle window and returns that report. */
  public Report settle() {
    return settle(settle);
  }

  private Report settle(Duration window) {
    Stillness stillness = new Stillness(window);
    try {
      await("LeakGate counts to settle")
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .pollExecutorService(POLLER)
          .atMost(timeout)
          .until(stillness::isStill);
    } catch (ConditionTimeoutException e) {
      if (stillness.answeredAt < stillness.askedAt && System.nanoTime() - stillness.askedAt > timeout.toNanos() / 2) {
        // the last poll has waited half the timeout or more for the registry: nobody answered
        throw new ProbeException(registry + " did not answer within " + timeout.toSeconds() + " s (--timeout)");
      }
      throw new ProbeException("component counts kept changing for " + timeout.toSeconds() + " s (settle window "
          + window.toMillis() + " ms); raise --timeout or lower the load");
    }
    last = stillness.report;
    return last;
  }

  /** The sample of a report taken after {@code requests} requests. */
  public static Sample toSample(long requests, Report report) {
    Map<String, Long> live = new LinkedHashMap<>();
    Map<String, Long> created = new LinkedHashMap<>();
    long liveThreads = 0;
    for (Map.Entry<String, Counts> e : report.components().entrySet()) {
      live.put(e.getKey(), e.getValue().live());
      created.put(e.getKey(), e.getValue().created());
      liveThreads += e.getValue().liveThreads();
    }
    return new Sample(requests, live, created, liveThreads);
  }

  private final class Stillness {
    final Duration window;
    Report report;
    String signature;
    long stillSince;
    // when the last poll asked the registry and when an answer last came (Awaitility polls on its own thread)
    volatile long askedAt;
    volatile long answeredAt;

    Stillness(Duration window) {
      this.window = window;
    }

    boolean isStill() {
      askedAt = System.nanoTime();
      boolean still = poll();
      answeredAt = System.nanoTime();
      return still;
    }

    private boolean poll() {
      String now = registry.lifecycle();
      long t = System.nanoTime();
      if (!now.equals(signature)) {
        signature = now;
        stillSince = t;
        if (!window.isZero()) {
          return false;
        }
      } else if (t - stillSince < window.toNanos()) {
        return false;
      }
      // still: read the report once; if something changed in between, keep waiting from here
      Report read = registry.read();
      if (!Lifecycle.of(read).equals(signature)) {
        signature = null;
        return false;
      }
      report = read;
      return true;
    }
  }

  /** Daemon threads named for what they do. */
  private static final class PollerThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "leakgate-settle-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  @Override
  public String toString() {
    return "Sampler{settle=" + settle.toMillis() + "ms, timeout=" + timeout.toSeconds() + "s, " + registry + "}";
  }
}
