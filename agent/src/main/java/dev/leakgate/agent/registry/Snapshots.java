package dev.leakgate.agent.registry;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads the registry: the whole JVM's picture, or one scope's. */
final class Snapshots {
  /** Instances listed in a snapshot at most (counts are always complete). */
  static final int MAX_LISTED_INSTANCES = 1_000;

  private static final Kind[] ALL_KINDS = Kind.values();
  private static final int KINDS = ALL_KINDS.length;
  private static final List<WeakReference<Thread>> PRE_EXISTING = new ArrayList<>();
  private static final Comparator<SiteSnapshot> SITE_ORDER = new MostLiveFirst();

  private Snapshots() {}

  static Snapshot snapshot() {
    Registry.expunge();
    long[] liveThreads = new long[KINDS];
    long[] draining = new long[KINDS];
    Map<Site, long[]> perSite = new HashMap<>();
    List<Instance> listed = new ArrayList<>();
    List<Instance> orphans = new ArrayList<>(Registry.ORPHANS);
    for (Instance inst : orphans) {
      count(inst, inst.aliveThreads(), liveThreads, draining, perSite);
      if (!inst.processWide) {
        listed.add(inst);
      }
    }
    Iterator<Instance> it = Registry.INSTANCES.values().iterator();
    while (it.hasNext()) {
      Instance inst = it.next();
      int alive = inst.aliveThreads();
      if (inst.isShutdown() && alive == 0) {
        it.remove();
        continue;
      }
      count(inst, alive, liveThreads, draining, perSite);
      if (!inst.processWide) {
        listed.add(inst);
      }
    }
    // shutdown before created: an instance is always created before it is shut down, so live >= 0
    long[] shutdown = new long[KINDS];
    for (int k = 0; k < KINDS; k++) {
      shutdown[k] = Registry.SHUTDOWN.get(k);
    }
    Map<Kind, Counts> components = new EnumMap<>(Kind.class);
    for (int k = 0; k < KINDS; k++) {
      long created = Registry.CREATED.get(k);
      components.put(ALL_KINDS[k], new Counts(created, shutdown[k], created - shutdown[k], liveThreads[k], draining[k]));
    }
    List<SiteSnapshot> sites = new ArrayList<>(Registry.SITES.size());
    List<SiteSnapshot> processWide = new ArrayList<>();
    for (Site site : Registry.SITES.values()) {
      long down = site.shutdown.get();
      long created = site.created.get();
      long[] s = perSite.get(site);
      Counts counts = new Counts(created, down, created - down, s == null ? 0 : s[0], s == null ? 0 : s[1]);
      (site.processWide == null ? sites : processWide).add(snapshotOf(site, counts, site.scopes()));
    }
    sites.sort(SITE_ORDER);
    processWide.sort(SITE_ORDER);
    listed.sort(Comparator.comparingLong(i -> i.id));
    List<InstanceSnapshot> instances = new ArrayList<>(Math.min(listed.size(), MAX_LISTED_INSTANCES));
    for (Instance inst : listed) {
      if (instances.size() >= MAX_LISTED_INSTANCES) {
        break;
      }
      instances.add(new InstanceSnapshot(inst.id, inst.kind, inst.site.callSite, inst.thread, inst.createdAtMillis,
          inst.scope, inst.isShutdown(), inst.shutdownSite(), inst.threadSnapshots()));
    }
    return new Snapshot(System.currentTimeMillis(), Collections.unmodifiableMap(components),
        Collections.unmodifiableList(sites), Collections.unmodifiableList(instances), preExistingThreads(),
        Attribution.unattributed(), Collections.unmodifiableList(processWide));
  }

  /** Adds one instance's threads to its kind (process-wide ones aside) and to its site. */
  private static void count(Instance inst, int alive, long[] liveThreads, long[] draining, Map<Site, long[]> perSite) {
    boolean shut = inst.isShutdown();
    long[] s = perSite.computeIfAbsent(inst.site, x -> new long[2]);
    s[0] += alive;
    if (shut) {
      s[1]++;
    }
    if (!inst.processWide) {
      int k = inst.kind.ordinal();
      liveThreads[k] += alive;
      if (shut) {
        draining[k]++;
      }
    }
  }

  private static SiteSnapshot snapshotOf(Site site, Counts counts, List<String> scopes) {
    return new SiteSnapshot(site.kind, site.callSite, counts, site.stack, scopes, site.threads(),
        site.processWide == null ? null : site.processWide.reason);
  }

  static List<SiteSnapshot> scopeSites(ScopeContext scope) {
    Map<Site, long[]> perSite = new HashMap<>();
    for (Instance inst : Registry.instances()) {
      if (inst.belongsTo(scope)) {
        long[] c = perSite.computeIfAbsent(inst.site, x -> new long[3]);
        c[0]++;
        c[1] += inst.isShutdown() ? 1 : 0;
        c[2] += inst.aliveThreads();
      }
    }
    List<SiteSnapshot> out = new ArrayList<>(perSite.size());
    // components already collected left no instance: their sites still list the scope (bounded), with site-wide counts
    for (Site site : Registry.SITES.values()) {
      if (!perSite.containsKey(site) && site.processWide == null && site.scopes().contains(scope.name)) {
        long created = site.created.get();
        long down = site.shutdown.get();
        out.add(snapshotOf(site, new Counts(created, down, created - down, 0, 0), List.of(scope.name)));
      }
    }
    for (Map.Entry<Site, long[]> e : perSite.entrySet()) {
      long[] c = e.getValue();
      out.add(snapshotOf(e.getKey(), new Counts(c[0], c[1], c[0] - c[1], c[2], 0), List.of(scope.name)));
    }
    out.sort(SITE_ORDER);
    return out;
  }

  static Map<Kind, Counts> scopeCounts(ScopeContext scope) {
    long[] liveThreads = new long[KINDS];
    long[] draining = new long[KINDS];
    for (Instance inst : Registry.instances()) {
      if (inst.belongsTo(scope)) {
        int alive = inst.aliveThreads();
        liveThreads[inst.kind.ordinal()] += alive;
        if (inst.isShutdown() && alive > 0) {
          draining[inst.kind.ordinal()]++;
        }
      }
    }
    Map<Kind, Counts> out = new EnumMap<>(Kind.class);
    for (Kind kind : ALL_KINDS) {
      int k = kind.ordinal();
      long down = scope.shutdown(kind); // before created: never more shut down than created
      long created = scope.created(kind);
      out.put(kind, new Counts(created, down, created - down, liveThreads[k], draining[k]));
    }
    return Collections.unmodifiableMap(out);
  }

  static void notePreExistingThreads(Thread[] threads) {
    synchronized (PRE_EXISTING) {
      for (Thread t : threads) {
        if (t != null && Kind.ofThreadName(t.getName()) != null) {
          PRE_EXISTING.add(new WeakReference<>(t));
        }
      }
    }
  }

  private static List<ThreadSnapshot> preExistingThreads() {
    synchronized (PRE_EXISTING) {
      List<ThreadSnapshot> out = new ArrayList<>(PRE_EXISTING.size());
      for (WeakReference<Thread> ref : PRE_EXISTING) {
        Thread t = ref.get();
        if (t != null) {
          out.add(new ThreadSnapshot(t.getName(), Kind.ofThreadName(t.getName()), t.isAlive()));
        }
      }
      return Collections.unmodifiableList(out);
    }
  }

  /** Most live first, then most created, then by site: a class, not a lambda (no java.lang.invoke at first use). */
  private static final class MostLiveFirst implements Comparator<SiteSnapshot> {
    @Override
    public int compare(SiteSnapshot a, SiteSnapshot b) {
      int c = Long.compare(b.counts().live(), a.counts().live());
      if (c == 0) {
        c = Long.compare(b.counts().created(), a.counts().created());
      }
      return c != 0 ? c : a.site().toString().compareTo(b.site().toString());
    }
  }
}
