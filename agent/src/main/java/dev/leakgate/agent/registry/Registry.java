package dev.leakgate.agent.registry;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The JVM-wide registry of tracked OpenTelemetry components, one per JVM in the system class loader:
 * code woven into SDK classes reaches it through {@link Hooks}, whatever loader holds the SDK. It holds
 * instances and threads only weakly; per-kind, per-site and per-scope counters keep the totals.
 */
public final class Registry {
  /** Sites beyond this many are counted under one overflow site per kind, so memory stays bounded. */
  static final int MAX_SITES = 10_000;
  /** Instances listed in a snapshot at most (counts are always complete). */
  static final int MAX_LISTED_INSTANCES = 1_000;
  /** Frames searched for the first frame outside the SDK before giving up. */
  private static final int MAX_SKIPPED_FRAMES = 512;

  private static final int KINDS = Kind.values().length;
  private static final Kind[] ALL_KINDS = Kind.values();

  /** Test-only fault injection: when set (by reflection), recording throws it. */
  static volatile RuntimeException fault;

  private static final AtomicLongArray CREATED = new AtomicLongArray(KINDS);
  private static final AtomicLongArray SHUTDOWN = new AtomicLongArray(KINDS);
  private static final ConcurrentHashMap<Site.Key, Site> SITES = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<WeakIdentityKey, Instance> INSTANCES = new ConcurrentHashMap<>();
  private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
  /** Instances collected while one of their threads still runs: kept until the thread ends. */
  private static final Set<Instance> ORPHANS = ConcurrentHashMap.newKeySet();
  /** Threads of components that existed before the agent started (registerPreExisting). */
  private static final List<PreExistingThread> PRE_EXISTING = new ArrayList<>();
  /** Whether a pre-existing component is known only by a stand-in (see registerPreExisting). */
  private static volatile boolean standIns;
  private static final AtomicLong IDS = new AtomicLong();
  private static final AtomicInteger RECORDS_SINCE_PURGE = new AtomicInteger();
  private static final AtomicLong FAILURES = new AtomicLong();
  private static final ThreadLocal<Frame> FRAMES = new ThreadLocal<>();

  private Registry() {}

  /** Internal errors swallowed so far (they never reach the application). */
  public static long failures() {
    return FAILURES.get();
  }

  // ---- recording, called from Hooks ----

  static void constructing(Kind kind) {
    FRAMES.set(new Frame(kind, null, FRAMES.get()));
  }

  static void constructed(Kind kind, Object instance) {
    Frame frame = popFrame(kind);
    record(kind, instance, frame == null ? null : frame.threads);
  }

  /** A constructor of a tracked kind threw: forget its frame and the threads it made. */
  static void constructionFailed(Kind kind) {
    popFrame(kind);
  }

  private static Frame popFrame(Kind kind) {
    Frame frame = FRAMES.get();
    while (frame != null && frame.kind != kind) {
      frame = frame.outer;
    }
    setFrames(frame == null ? null : frame.outer);
    return frame;
  }

  static void enterOwner(Object owner) {
    FRAMES.set(new Frame(null, owner, FRAMES.get()));
  }

  static void exitOwner() {
    Frame frame = FRAMES.get();
    if (frame != null) {
      setFrames(frame.outer);
    }
  }

  static void threadCreated(Thread thread) {
    Frame frame = FRAMES.get();
    if (frame == null || thread == null) {
      return;
    }
    if (frame.owner != null) {
      Instance owner = INSTANCES.get(new WeakIdentityKey(frame.owner, null));
      if (owner != null) {
        owner.addThread(thread);
      }
    } else {
      frame.addThread(thread);
    }
  }

  static void shutdown(Object instance) {
    Instance inst = INSTANCES.get(new WeakIdentityKey(instance, null));
    if (inst == null && standIns) {
      inst = adoptStandIn(instance);
    }
    if (inst == null || inst.isShutdown()) {
      return;
    }
    if (!inst.markShutdown(firstOutsideFrame())) {
      return;
    }
    int k = inst.kind.ordinal();
    SHUTDOWN.incrementAndGet(k);
    inst.site.shutdown.incrementAndGet();
    countScopes(inst.scopes, KINDS + k);
    if (RecordingSettings.listeners != null) {
      LifecycleListeners.shutdown(inst.kind, inst.id, inst.site.callSite, inst.shutdownSite());
    }
    if (inst.aliveThreads() == 0) {
      INSTANCES.remove(new WeakIdentityKey(instance, null));
    }
  }

  static void failed(Throwable t) {
    if (FAILURES.getAndIncrement() == 0) {
      try {
        System.err.println("leakgate: internal error, counts may be incomplete (the application is unaffected): " + t);
      } catch (Throwable ignored) {
        // nothing else to do: never throw into the application
      }
    }
  }

  private static void setFrames(Frame frame) {
    if (frame == null) {
      FRAMES.remove();
    } else {
      FRAMES.set(frame);
    }
  }

  private static void record(Kind kind, Object instance, List<Thread> threads) {
    RuntimeException injected = fault;
    if (injected != null) {
      throw injected;
    }
    WeakIdentityKey probe = new WeakIdentityKey(instance, null);
    Instance known = INSTANCES.get(probe);
    if (known != null) {
      // a constructor delegating to another constructor of the same class: one instance
      addThreads(known, threads);
      return;
    }
    StackWalker.StackFrame first = Walker.INSTANCE.walk(FirstOutside.APPLICATION);
    if (first == null) {
      first = Walker.INSTANCE.walk(FirstOutside.SDK); // OpenTelemetry's own code built it (e.g. its Java agent)
    }
    Site site = site(kind, first);
    // a static initialiser builds a process-wide singleton: it is no test's or request's component
    boolean processWide = Walker.INSTANCE.walk(StaticInitialiser.ON_STACK);
    ScopeContext scope = processWide ? null : Scopes.current();
    ScopeContext[] scopes = processWide ? TestWindows.NO_SCOPES : TestWindows.scopesOf(scope, site);
    String threadName = Thread.currentThread().getName();
    Instance inst = new Instance(IDS.incrementAndGet(), kind, site, threadName, System.currentTimeMillis(),
        scope == null ? null : scope.name, scopes);
    addThreads(inst, threads);
    if (INSTANCES.putIfAbsent(new WeakIdentityKey(instance, COLLECTED), inst) != null) {
      return;
    }
    CREATED.incrementAndGet(kind.ordinal());
    site.created.incrementAndGet();
    site.noteCreation(scopes, threadName);
    countScopes(scopes, kind.ordinal());
    if (RecordingSettings.listeners != null) {
      LifecycleListeners.created(kind, inst.id, site.callSite, scope == null ? null : scope.name);
    }
    maybePurge();
  }

  private static void addThreads(Instance inst, List<Thread> threads) {
    if (threads != null) {
      for (Thread t : threads) {
        inst.addThread(t);
      }
    }
  }

  private static Site site(Kind kind, StackWalker.StackFrame frame) {
    Site.Key key = frame == null
        ? new Site.Key(kind, "unknown", "unknown", -1)
        : new Site.Key(kind, frame.getClassName(), frame.getMethodName(), frame.getLineNumber());
    Site site = SITES.get(key);
    if (site != null) {
      return site;
    }
    if (SITES.size() >= MAX_SITES) {
      key = new Site.Key(kind, "(more than " + MAX_SITES + " sites)", "overflow", -1);
      return SITES.computeIfAbsent(key, k -> overflowSite(kind));
    }
    CallSite callSite = frame == null ? CallSite.UNKNOWN : callSite(frame);
    List<String> stack = frame == null ? List.of() : Walker.INSTANCE.walk(new StackFromSite(RecordingSettings.stackDepth(), frame));
    Site fresh = new Site(kind, callSite, stack);
    Site raced = SITES.putIfAbsent(key, fresh);
    return raced == null ? fresh : raced;
  }

  private static Site overflowSite(Kind kind) {
    return new Site(kind, new CallSite("(more than " + MAX_SITES + " sites)", "overflow", null, -1), List.of());
  }

  private static CallSite callSite(StackWalker.StackFrame frame) {
    return new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
  }

  private static CallSite firstOutsideFrame() {
    StackWalker.StackFrame frame = Walker.INSTANCE.walk(FirstOutside.APPLICATION);
    if (frame == null) {
      frame = Walker.INSTANCE.walk(FirstOutside.SDK); // OpenTelemetry's own code shut it down
    }
    return frame == null ? CallSite.UNKNOWN : callSite(frame);
  }

  private static void countScopes(ScopeContext[] scopes, int slot) {
    for (ScopeContext s : scopes) {
      s.count(slot);
    }
  }

  /** Frames of OpenTelemetry, the JDK and LeakGate itself never name a culprit. */
  static boolean isInternalFrame(String className) {
    return className.startsWith("io.opentelemetry.") || isPlatformFrame(className)
        || startsWithAny(className, RecordingSettings.relocatedOpenTelemetry());
  }

  /**
   * Frames of the OpenTelemetry SDK, API and context (also relocated copies, as the OpenTelemetry
   * Java agent shades its API), the JDK and LeakGate: what is skipped when all else is
   * OpenTelemetry's, so the site is the code that installs the SDK.
   */
  static boolean isSdkFrame(String className) {
    return isPlatformFrame(className) || startsWithAny(className, RecordingSettings.relocatedSdks())
        || isOpenTelemetryLibrary(className, "sdk.") || isOpenTelemetryLibrary(className, "api.")
        || isOpenTelemetryLibrary(className, "context.");
  }

  private static boolean isOpenTelemetryLibrary(String className, String library) {
    return className.startsWith("io.opentelemetry." + library) || className.contains(".io.opentelemetry." + library);
  }

  private static boolean startsWithAny(String className, String[] prefixes) {
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPlatformFrame(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.")
        || className.startsWith("dev.leakgate.api.")
        || className.startsWith("dev.leakgate.agent.");
  }

  // ---- memory: drop what is collected or finished ----

  private static void maybePurge() {
    int since = RECORDS_SINCE_PURGE.incrementAndGet();
    if (since >= 256 && since >= INSTANCES.size() / 4) {
      RECORDS_SINCE_PURGE.set(0);
      purge();
    }
  }

  private static void expunge() {
    Reference<?> ref;
    while ((ref = COLLECTED.poll()) != null) {
      Instance gone = INSTANCES.remove(ref);
      // a dropped component whose worker still runs is still a leak: keep its row until the thread ends
      if (gone != null && gone.aliveThreads() > 0) {
        ORPHANS.add(gone);
      }
    }
    if (!ORPHANS.isEmpty()) {
      for (Iterator<Instance> it = ORPHANS.iterator(); it.hasNext();) {
        if (it.next().aliveThreads() == 0) {
          it.remove();
        }
      }
    }
  }

  private static void purge() {
    expunge();
    Iterator<Instance> it = INSTANCES.values().iterator();
    while (it.hasNext()) {
      Instance inst = it.next();
      if (inst.isShutdown() && inst.aliveThreads() == 0) {
        it.remove();
      }
    }
  }

  // ---- reading ----

  /** A consistent-enough picture of everything tracked: per kind, per site, live instances. */
  public static Snapshot snapshot() {
    expunge();
    long[] liveThreads = new long[KINDS];
    long[] draining = new long[KINDS];
    Map<Site, long[]> perSite = new HashMap<>();
    List<Instance> listed = new ArrayList<>(ORPHANS);
    for (Instance inst : listed) {
      int k = inst.kind.ordinal();
      int alive = inst.aliveThreads();
      liveThreads[k] += alive;
      long[] s = perSite.computeIfAbsent(inst.site, x -> new long[2]);
      s[0] += alive;
      if (inst.isShutdown()) {
        draining[k]++;
        s[1]++;
      }
    }
    Iterator<Instance> it = INSTANCES.values().iterator();
    while (it.hasNext()) {
      Instance inst = it.next();
      int alive = inst.aliveThreads();
      boolean shut = inst.isShutdown();
      if (shut && alive == 0) {
        it.remove();
        continue;
      }
      int k = inst.kind.ordinal();
      liveThreads[k] += alive;
      long[] s = perSite.computeIfAbsent(inst.site, x -> new long[2]);
      s[0] += alive;
      if (shut) {
        draining[k]++;
        s[1]++;
      }
      listed.add(inst);
    }
    // shutdown before created: an instance is always created before it is shut down, so live >= 0
    long[] shutdown = new long[KINDS];
    for (int k = 0; k < KINDS; k++) {
      shutdown[k] = SHUTDOWN.get(k);
    }
    Map<Kind, Counts> components = new EnumMap<>(Kind.class);
    for (int k = 0; k < KINDS; k++) {
      long created = CREATED.get(k);
      components.put(ALL_KINDS[k], new Counts(created, shutdown[k], created - shutdown[k], liveThreads[k], draining[k]));
    }
    List<SiteSnapshot> sites = new ArrayList<>(SITES.size());
    for (Site site : SITES.values()) {
      long down = site.shutdown.get();
      long created = site.created.get();
      long[] s = perSite.get(site);
      Counts counts = new Counts(created, down, created - down, s == null ? 0 : s[0], s == null ? 0 : s[1]);
      Kind kind = site.kind;
      sites.add(new SiteSnapshot(kind, site.callSite, counts, site.stack, site.scopes(), site.threads()));
    }
    sites.sort(SITE_ORDER);
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
        TestWindows.unattributed());
  }

  private static final Comparator<SiteSnapshot> SITE_ORDER = new MostLiveFirst();

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

  /** Instances of {@code kind} created so far: a counter read, cheap enough to poll. */
  public static long created(Kind kind) {
    return CREATED.get(kind.ordinal());
  }

  /** Instances of {@code kind} shut down so far: a counter read, cheap enough to poll. */
  public static long shutdown(Kind kind) {
    return SHUTDOWN.get(kind.ordinal());
  }

  /**
   * The sites of the components of {@code scope} still live or draining, with counts over those
   * components only: what names the culprit line of one test, however many tests share a site.
   */
  public static List<SiteSnapshot> scopeSites(ScopeContext scope) {
    expunge();
    Map<Site, long[]> perSite = new HashMap<>();
    List<Instance> all = new ArrayList<>(INSTANCES.values());
    all.addAll(ORPHANS);
    for (Instance inst : all) {
      if (inst.belongsTo(scope)) {
        long[] c = perSite.computeIfAbsent(inst.site, x -> new long[3]);
        c[0]++;
        c[1] += inst.isShutdown() ? 1 : 0;
        c[2] += inst.aliveThreads();
      }
    }
    List<SiteSnapshot> out = new ArrayList<>(perSite.size());
    // components already collected left no instance: their sites still list the scope (bounded), with site-wide counts
    for (Site site : SITES.values()) {
      if (!perSite.containsKey(site) && site.scopes().contains(scope.name)) {
        long created = site.created.get();
        long down = site.shutdown.get();
        out.add(new SiteSnapshot(site.kind, site.callSite, new Counts(created, down, created - down, 0, 0), site.stack,
            List.of(scope.name), site.threads()));
      }
    }
    for (Map.Entry<Site, long[]> e : perSite.entrySet()) {
      Site site = e.getKey();
      long[] c = e.getValue();
      out.add(new SiteSnapshot(site.kind, site.callSite, new Counts(c[0], c[1], c[0] - c[1], c[2], 0), site.stack,
          List.of(scope.name), site.threads()));
    }
    out.sort(SITE_ORDER);
    return out;
  }

  /** Counts per kind of the components that belong to {@code scope} (built in it or in work it handed off). */
  public static Map<Kind, Counts> scopeCounts(ScopeContext scope) {
    expunge();
    long[] liveThreads = new long[KINDS];
    long[] draining = new long[KINDS];
    List<Instance> all = new ArrayList<>(INSTANCES.values());
    all.addAll(ORPHANS);
    for (Instance inst : all) {
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

  // ---- components that existed before the agent started ----

  /**
   * Registers a component that existed before the agent started (another agent built it first, or
   * the agent was attached later) with the live threads it owns: its site is {@link
   * CallSite#PRE_EXISTING}, it belongs to no scope. {@code standIn} says {@code instance} is not the
   * component but the one object of it that was found (the worker its thread runs, when nothing
   * else reaches the component): a later shutdown() of a component holding that object counts for
   * it. Threads found for a component known already are added to it. Returns whether it is new.
   */
  public static boolean registerPreExisting(Kind kind, Object instance, boolean standIn, List<Thread> threads) {
    Instance known = INSTANCES.get(new WeakIdentityKey(instance, null));
    if (known != null) {
      addThreads(known, threads);
      if (known.site.callSite == CallSite.PRE_EXISTING) {
        notePreExistingThreads(known.kind, threads);
      }
      return false;
    }
    Site site = SITES.computeIfAbsent(new Site.Key(kind, "unknown", CallSite.PRE_EXISTING_TEXT, -1),
        k -> new Site(kind, CallSite.PRE_EXISTING, List.of()));
    Instance inst = new Instance(IDS.incrementAndGet(), kind, site, "unknown", System.currentTimeMillis(), null, TestWindows.NO_SCOPES);
    inst.standIn = standIn;
    addThreads(inst, threads);
    if (INSTANCES.putIfAbsent(new WeakIdentityKey(instance, COLLECTED), inst) != null) {
      return false;
    }
    if (standIn) {
      standIns = true;
    }
    CREATED.incrementAndGet(kind.ordinal());
    site.created.incrementAndGet();
    notePreExistingThreads(kind, threads);
    return true;
  }

  /** Whether a component the registry knows owns {@code thread}. */
  public static boolean isComponentThread(Thread thread) {
    for (Instance inst : INSTANCES.values()) {
      if (inst.owns(thread)) {
        return true;
      }
    }
    for (Instance inst : ORPHANS) {
      if (inst.owns(thread)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The stand-in of a pre-existing component that {@code component}, unknown to the registry, holds
   * in one of its fields: from now on the registry knows the component itself. Null when none.
   */
  private static Instance adoptStandIn(Object component) {
    for (Class<?> c = component.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
          continue;
        }
        Object value;
        try {
          field.setAccessible(true);
          value = field.get(component);
        } catch (RuntimeException | IllegalAccessException e) {
          continue; // a field of a module closed to LeakGate: not where a stand-in is
        }
        WeakIdentityKey held = new WeakIdentityKey(value, null);
        Instance inst = value == null ? null : INSTANCES.get(held);
        if (inst != null && inst.standIn && INSTANCES.remove(held, inst)) {
          inst.standIn = false;
          INSTANCES.put(new WeakIdentityKey(component, COLLECTED), inst);
          return inst;
        }
      }
    }
    return null;
  }

  private static void notePreExistingThreads(Kind kind, List<Thread> threads) {
    if (threads == null) {
      return;
    }
    synchronized (PRE_EXISTING) {
      for (Thread t : threads) {
        boolean listed = false;
        for (PreExistingThread known : PRE_EXISTING) {
          listed |= known.get() == t;
        }
        if (!listed) {
          PRE_EXISTING.add(new PreExistingThread(t, kind));
        }
      }
    }
  }

  private static List<ThreadSnapshot> preExistingThreads() {
    synchronized (PRE_EXISTING) {
      List<ThreadSnapshot> out = new ArrayList<>(PRE_EXISTING.size());
      for (PreExistingThread ref : PRE_EXISTING) {
        Thread t = ref.get();
        if (t != null) {
          out.add(new ThreadSnapshot(t.getName(), ref.kind, t.isAlive()));
        }
      }
      return Collections.unmodifiableList(out);
    }
  }

  /** A thread of a pre-existing component, held weakly, with the component's kind. */
  private static final class PreExistingThread extends WeakReference<Thread> {
    final Kind kind;

    PreExistingThread(Thread thread, Kind kind) {
      super(thread);
      this.kind = kind;
    }
  }

  /** Registry entries held right now (instances and sites); for footprint tests and benchmarks. */
  public static int entries() {
    expunge();
    return INSTANCES.size() + ORPHANS.size() + SITES.size();
  }

  // ---- helpers ----

  /** Created on the first recording, not in premain: StackWalker's set-up costs milliseconds. */
  private static final class Walker {
    static final StackWalker INSTANCE = StackWalker.getInstance();
  }

  /** A construction in progress on this thread, or an owner whose method may start threads. */
  private static final class Frame {
    final Kind kind;
    final Object owner;
    final Frame outer;
    List<Thread> threads;

    Frame(Kind kind, Object owner, Frame outer) {
      this.kind = kind;
      this.owner = owner;
      this.outer = outer;
    }

    void addThread(Thread t) {
      if (threads == null) {
        threads = new ArrayList<>(2);
      }
      threads.add(t);
    }
  }


  /** Finds the first frame outside OpenTelemetry (or only the SDK), the JDK and LeakGate. */
  private static final class FirstOutside implements Function<Stream<StackWalker.StackFrame>, StackWalker.StackFrame> {
    static final FirstOutside APPLICATION = new FirstOutside(false);
    static final FirstOutside SDK = new FirstOutside(true);

    private final boolean sdkOnly;

    private FirstOutside(boolean sdkOnly) {
      this.sdkOnly = sdkOnly;
    }

    @Override
    public StackWalker.StackFrame apply(Stream<StackWalker.StackFrame> frames) {
      Iterator<StackWalker.StackFrame> it = frames.iterator();
      for (int i = 0; i < MAX_SKIPPED_FRAMES && it.hasNext(); i++) {
        StackWalker.StackFrame f = it.next();
        if (!(sdkOnly ? isSdkFrame(f.getClassName()) : isInternalFrame(f.getClassName()))) {
          return f;
        }
      }
      return null;
    }
  }

  /** Whether a static initialiser ({@code <clinit>}) is on the stack: the component is process-wide. */
  private static final class StaticInitialiser implements Function<Stream<StackWalker.StackFrame>, Boolean> {
    static final StaticInitialiser ON_STACK = new StaticInitialiser();

    @Override
    public Boolean apply(Stream<StackWalker.StackFrame> frames) {
      Iterator<StackWalker.StackFrame> it = frames.iterator();
      for (int i = 0; i < MAX_SKIPPED_FRAMES && it.hasNext(); i++) {
        if (it.next().getMethodName().equals("<clinit>")) {
          return Boolean.TRUE;
        }
      }
      return Boolean.FALSE;
    }
  }

  /** The stack from the site's frame outwards, as strings, at most depth frames. */
  private static final class StackFromSite implements Function<Stream<StackWalker.StackFrame>, List<String>> {
    private final int depth;
    private final StackWalker.StackFrame site;

    StackFromSite(int depth, StackWalker.StackFrame site) {
      this.depth = depth;
      this.site = site;
    }

    @Override
    public List<String> apply(Stream<StackWalker.StackFrame> frames) {
      Iterator<StackWalker.StackFrame> it = frames.iterator();
      List<String> out = new ArrayList<>();
      int skipped = 0;
      while (it.hasNext() && out.size() < depth) {
        StackWalker.StackFrame f = it.next();
        if (out.isEmpty() && !isSite(f) && skipped++ < MAX_SKIPPED_FRAMES) {
          continue;
        }
        out.add(callSite(f).toString());
      }
      return List.copyOf(out);
    }

    private boolean isSite(StackWalker.StackFrame f) {
      return f.getLineNumber() == site.getLineNumber() && f.getClassName().equals(site.getClassName())
          && f.getMethodName().equals(site.getMethodName());
    }
  }

}
