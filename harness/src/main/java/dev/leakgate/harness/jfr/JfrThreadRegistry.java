package dev.leakgate.harness.jfr;

import dev.leakgate.harness.registry.JmxConnection;
import dev.leakgate.harness.registry.TargetJvm;
import dev.leakgate.internal.probe.Lifecycle;
import dev.leakgate.internal.probe.ProbeException;
import dev.leakgate.internal.probe.RegistryClient;
import dev.leakgate.reports.model.ComponentThread;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Instance;
import dev.leakgate.reports.model.Report;
import dev.leakgate.reports.model.Reports;
import dev.leakgate.reports.model.Site;
import dev.leakgate.reports.model.SiteKey;
import dev.leakgate.reports.model.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * The threads another JVM starts and ends, from JDK Flight Recorder, read as a LeakGate report:
 * per kind {@code created} = threads started since the recording began, {@code shutdown} = those
 * of them that ended, {@code live} = started − ended. Nothing is installed in the target; it sees
 * any thread, but only threads: a component that starts none (a provider) is invisible to it.
 */
public final class JfrThreadRegistry implements RegistryClient {
  /**
   * A batch worker ends up to its schedule delay (5 s by default) after {@code shutdown()}; the last
   * sample waits for counts to be still this long, so such a worker is counted ended, not live.
   */
  public static final Duration LINGER = Duration.ofMillis(6_000);
  /** Lifecycle polls closer together than this reuse the last read: each read makes the target write a chunk. */
  private static final Duration MIN_READ_INTERVAL = Duration.ofMillis(200);
  /** Names kept per site, as the report format allows. */
  private static final int MAX_NAMES = Reports.MAX_NAMES_PER_SITE;

  private final ThreadRecording recording;
  private final String target;
  private final Long pid;
  /** Threads started since the recording began, by Java thread id, in start order. */
  private final Map<Long, StartedThread> started = new LinkedHashMap<>();
  private final Set<Long> ended = new HashSet<>();
  private long lastRead;
  private String lastLifecycle;

  private JfrThreadRegistry(ThreadRecording recording, String target, Long pid) {
    this.recording = recording;
    this.target = target;
    this.pid = pid;
  }

  /**
   * Starts recording thread events in the JVM with this pid (through the Attach API and its local JMX
   * agent); every step waits at most {@code timeout}.
   */
  public static JfrThreadRegistry ofPid(long pid, Duration timeout) {
    String address;
    try (TargetJvm jvm = TargetJvm.attach(pid, timeout)) {
      address = jvm.localJmxAddress();
    }
    return new JfrThreadRegistry(ThreadRecording.start(JmxConnection.open(address, "pid " + pid, timeout)), "pid " + pid, pid);
  }

  /** Starts recording thread events in the JVM behind this JMX service URL; every step waits at most {@code timeout}. */
  public static JfrThreadRegistry ofUrl(String url, Duration timeout) {
    return new JfrThreadRegistry(ThreadRecording.start(JmxConnection.open(url, url, timeout)), url, null);
  }

  @Override
  public synchronized Report read() {
    refresh();
    return report();
  }

  @Override
  public synchronized String lifecycle() {
    if (lastLifecycle == null || System.nanoTime() - lastRead >= MIN_READ_INTERVAL.toNanos()) {
      refresh();
    }
    return lastLifecycle;
  }

  @Override
  public Duration linger() {
    return LINGER;
  }

  /** Stops and removes the recording in the target. */
  @Override
  public void close() {
    recording.close();
  }

  private void refresh() {
    for (RecordedEvent event : recording.readNewEvents()) {
      RecordedThread thread = event.getThread("thread");
      if (thread == null) {
        continue;
      }
      long id = thread.getJavaThreadId();
      if (event.getEventType().getName().equals("jdk.ThreadStart")) {
        if (!started.containsKey(id)) {
          ThreadOrigin origin = ThreadOrigin.of(event.getStackTrace(), thread.getJavaName());
          if (origin != null) {
            RecordedThread parent = event.getThread("parentThread");
            started.put(id, new StartedThread(id, thread.getJavaName(), parent == null ? null : parent.getJavaName(),
                event.getStartTime(), origin));
          }
        }
      } else {
        ended.add(id);
      }
    }
    // ends of threads started before the recording, or of the JVM's own, count for nothing
    ended.retainAll(started.keySet());
    lastRead = System.nanoTime();
    lastLifecycle = Lifecycle.of(report());
  }

  private Report report() {
    Map<String, long[]> kinds = new TreeMap<>();
    Map<SiteKey, SiteCounts> sites = new LinkedHashMap<>();
    List<Instance> live = new ArrayList<>();
    for (StartedThread t : started.values()) {
      boolean isLive = !ended.contains(t.id());
      long[] counts = kinds.computeIfAbsent(t.origin().kind(), k -> new long[2]);
      counts[0]++;
      SiteCounts site = sites.computeIfAbsent(new SiteKey(t.origin().kind(), t.origin().site()), k -> new SiteCounts(t.origin()));
      site.add(t, isLive);
      if (isLive) {
        counts[1]++;
        if (live.size() < Reports.MAX_INSTANCES) {
          live.add(new Instance(t.id(), t.origin().kind(), t.origin().site(), t.parent(), t.startedAt().toString(), null,
              false, null, List.of(new ComponentThread(t.name(), null, true))));
        }
      }
    }
    Map<String, Counts> components = new LinkedHashMap<>();
    kinds.forEach((kind, c) -> components.put(kind, new Counts(c[0], c[0] - c[1], c[1], c[1], 0)));
    List<Site> siteList = sites.values().stream().map(SiteCounts::toSite)
        .sorted(Comparator.comparingLong(Site::live).reversed().thenComparing(Comparator.comparingLong(Site::created).reversed()))
        .toList();
    return new Report(Report.SCHEMA, Instant.now().toString(), new Source("jfr", null, pid, null), components, siteList,
        live, List.of(), List.of(), null);
  }

  /** One thread started while recording. */
  private record StartedThread(long id, String name, String parent, Instant startedAt, ThreadOrigin origin) {}

  /** Counts of one site, with the name patterns of the threads it started. */
  private static final class SiteCounts {
    final ThreadOrigin origin;
    final Set<String> patterns = new LinkedHashSet<>();
    long created;
    long live;

    SiteCounts(ThreadOrigin origin) {
      this.origin = origin;
    }

    void add(StartedThread thread, boolean isLive) {
      created++;
      if (isLive) {
        live++;
      }
      if (patterns.size() < MAX_NAMES) {
        patterns.add(thread.origin().namePattern());
      }
    }

    Site toSite() {
      return new Site(origin.kind(), origin.site(), origin.className(), origin.method(), origin.file(), origin.line(),
          created, created - live, live, live, origin.stack(), List.of(), new ArrayList<>(patterns));
    }
  }

  @Override
  public String toString() {
    return "JfrThreadRegistry{" + target + ", " + recording + "}";
  }
}
