package dev.leakgate.agent.registry;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The JVM-wide registry of tracked thread-owning components (the {@link Kind}s), one per JVM in the
 * system class loader: woven code reaches it through {@link Hooks} (the SDK) and {@link JdkHooks} (the
 * JDK), whatever loader holds the component's class. Its one job is the instances and their
 * lifecycle; it holds them only weakly, and per-kind, per-site and per-scope counters keep the totals.
 * Beside it: {@link TestWindows} (which scopes a component counts for), {@link ThreadOwnership} (who
 * owns each thread), {@link CreatingStack} (what the creating stack says) and {@link Snapshots} (reading).
 *
 * <p>A process-wide component (see {@link CreatingStack.ProcessWide}) counts for no scope and not in
 * the per-kind counts: only its site counts it, listed apart in snapshots.
 */
public final class Registry {
  /** Sites beyond this many are counted under one overflow site per kind, so memory stays bounded. */
  static final int MAX_SITES = 10_000;

  static final int KINDS = Kind.values().length;

  /** Test-only fault injection: when set (by reflection), recording throws it. */
  static volatile RuntimeException fault;

  static final AtomicLongArray CREATED = new AtomicLongArray(KINDS);
  static final AtomicLongArray SHUTDOWN = new AtomicLongArray(KINDS);
  static final ConcurrentHashMap<Site.Key, Site> SITES = new ConcurrentHashMap<>();
  static final ConcurrentHashMap<WeakIdentityKey, Instance> INSTANCES = new ConcurrentHashMap<>();
  private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
  /** Instances collected while one of their threads still runs: kept until the thread ends. */
  static final Set<Instance> ORPHANS = ConcurrentHashMap.newKeySet();
  /** Whether a pre-existing component is known only by a stand-in (see registerPreExisting). */
  private static volatile boolean standIns;
  private static final AtomicLong IDS = new AtomicLong();
  private static final AtomicInteger RECORDS_SINCE_PURGE = new AtomicInteger();
  private static final AtomicLong FAILURES = new AtomicLong();

  private Registry() {}

  /** Internal errors swallowed so far (they never reach the application). */
  public static long failures() {
    return FAILURES.get();
  }

  // ---- recording, called from Hooks and JdkHooks ----

  /** An SDK component's constructor starts: threads made until it returns are its own. */
  static void constructing(Kind kind) {
    ThreadOwnership.constructing(kind);
  }

  /** An SDK component's constructor returned. */
  static void constructed(Kind kind, Object instance) {
    record(kind, instance, ThreadOwnership.constructionEnded(kind));
  }

  /** A constructor of a tracked SDK kind threw: forget its frame and the threads it made. */
  static void constructionFailed(Kind kind) {
    ThreadOwnership.constructionEnded(kind);
  }

  /**
   * An SDK component's shutdown method ran. Only an SDK component can be known by a stand-in (see
   * {@link #registerPreExisting}): the JDK's shutdowns and thread ends never look for one.
   */
  static void sdkShutdown(Object instance) {
    if (instance != null && standIns && instanceOf(instance) == null) {
      adoptStandIn(instance);
    }
    shutdown(instance);
  }

  /** A shutdown method of a tracked component ran, or a thread ended. */
  static void shutdown(Object instance) {
    if (instance == null) {
      return;
    }
    Instance inst = instanceOf(instance);
    if (inst == null || inst.isShutdown()) {
      return;
    }
    if (!inst.markShutdown(inst.kind == Kind.Thread ? CallSite.UNKNOWN : CreatingStack.shutdownSite())) {
      return;
    }
    inst.site.shutdown.incrementAndGet();
    if (!inst.processWide) {
      int k = inst.kind.ordinal();
      SHUTDOWN.incrementAndGet(k);
      countScopes(inst.scopes, KINDS + k);
    }
    if (RecordingSettings.listeners != null && !inst.processWide) {
      LifecycleListeners.shutdown(inst.kind, inst.id, inst.site.callSite, inst.shutdownSite());
    }
    // a thread is shut down as it ends: nothing of it is left to drain
    if (inst.kind == Kind.Thread || inst.aliveThreads() == 0) {
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

  /** What the registry holds for {@code instance}, or null. */
  static Instance instanceOf(Object instance) {
    return INSTANCES.get(new WeakIdentityKey(instance, null));
  }

  /** Records a component whose creation just finished, with the threads it made while being built. */
  static void record(Kind kind, Object instance, List<Thread> threads) {
    RuntimeException injected = fault;
    if (injected != null) {
      throw injected;
    }
    Instance known = instanceOf(instance);
    if (known != null) {
      // a constructor delegating to another constructor of the same class: one instance
      addThreads(known, threads);
      return;
    }
    CreatingStack stack = CreatingStack.of(kind);
    if (stack.partOfAnother) {
      return; // built by another component's own code (an HTTP client's executor): that component's part
    }
    boolean processWide = stack.processWide != null;
    Site site = site(kind, stack);
    ScopeContext scope = processWide ? null : Scopes.current();
    ScopeContext[] scopes = processWide ? TestWindows.NO_SCOPES : TestWindows.scopesOf(scope, site);
    String threadName = Thread.currentThread().getName();
    Instance inst = new Instance(IDS.incrementAndGet(), kind, site, threadName, System.currentTimeMillis(),
        scope == null ? null : scope.name, scopes, processWide);
    addThreads(inst, threads);
    if (kind.threads() == Kind.Threads.ITSELF) {
      inst.addThread((Thread) instance);
    }
    if (INSTANCES.putIfAbsent(new WeakIdentityKey(instance, COLLECTED), inst) != null) {
      return;
    }
    site.created.incrementAndGet();
    site.noteCreation(scopes, threadName);
    if (!processWide) {
      CREATED.incrementAndGet(kind.ordinal());
      countScopes(scopes, kind.ordinal());
    }
    // process-wide components are no one's leak: no event, no alarm count (as in the per-kind counts)
    if (RecordingSettings.listeners != null && !processWide) {
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

  private static Site site(Kind kind, CreatingStack stack) {
    StackWalker.StackFrame frame = stack.site;
    CreatingStack.ProcessWide processWide = stack.processWide;
    Site.Key key = frame == null
        ? new Site.Key(kind, "unknown", "unknown", -1, processWide)
        : new Site.Key(kind, frame.getClassName(), frame.getMethodName(), frame.getLineNumber(), processWide);
    Site site = SITES.get(key);
    if (site != null) {
      return site;
    }
    if (SITES.size() >= MAX_SITES) {
      String overflow = "(more than " + MAX_SITES + " sites)";
      key = new Site.Key(kind, overflow, "overflow", -1, processWide);
      return SITES.computeIfAbsent(key,
          k -> new Site(kind, new CallSite(overflow, "overflow", null, -1), List.of(), processWide));
    }
    CallSite callSite = frame == null ? CallSite.UNKNOWN : CreatingStack.callSite(frame);
    List<String> frames = frame == null ? List.of() : CreatingStack.stackFrom(frame, RecordingSettings.stackDepth());
    Site fresh = new Site(kind, callSite, frames, processWide);
    Site raced = SITES.putIfAbsent(key, fresh);
    return raced == null ? fresh : raced;
  }

  private static void countScopes(ScopeContext[] scopes, int slot) {
    for (ScopeContext s : scopes) {
      s.count(slot);
    }
  }

  // ---- memory: drop what is collected or finished ----

  private static void maybePurge() {
    int since = RECORDS_SINCE_PURGE.incrementAndGet();
    if (since >= 256 && since >= INSTANCES.size() / 4) {
      RECORDS_SINCE_PURGE.set(0);
      purge();
    }
  }

  /** Drops instances whose component was collected; one whose thread still runs stays, as an orphan. */
  static void expunge() {
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

  /** Every instance held now, orphans included (a copy). */
  static List<Instance> instances() {
    expunge();
    List<Instance> all = new ArrayList<>(INSTANCES.values());
    all.addAll(ORPHANS);
    return all;
  }

  // ---- reading and scopes: the public entry points, kept here so callers need one class ----

  /** A consistent-enough picture of everything tracked: per kind, per site, live instances. */
  public static Snapshot snapshot() {
    return Snapshots.snapshot();
  }

  /** Instances of {@code kind} created so far (process-wide ones aside): a counter read, cheap enough to poll. */
  public static long created(Kind kind) {
    return CREATED.get(kind.ordinal());
  }

  /** Instances of {@code kind} shut down so far (process-wide ones aside): a counter read, cheap enough to poll. */
  public static long shutdown(Kind kind) {
    return SHUTDOWN.get(kind.ordinal());
  }

  /** Instances of {@code kind} built and not shut down (process-wide ones aside): two counter reads, never negative. */
  public static long live(Kind kind) {
    long down = shutdown(kind); // before created: never more shut down than created
    return created(kind) - down;
  }

  /**
   * The sites of the components of {@code scope} still live or draining, with counts over those
   * components only: what names the culprit line of one test, however many tests share a site.
   */
  public static List<SiteSnapshot> scopeSites(ScopeContext scope) {
    return Snapshots.scopeSites(scope);
  }

  /** Counts per kind of the components that belong to {@code scope} (built in it or in work it handed off). */
  public static Map<Kind, Counts> scopeCounts(ScopeContext scope) {
    return Snapshots.scopeCounts(scope);
  }

  /**
   * Platform threads started in {@code scope} (or in work it handed off) by application code that are
   * still running: {@link Kind#Thread} components, which end with their thread. Pool workers are their
   * pool's and the JDK's own threads are process-wide: neither counts. Two counter reads, cheap enough
   * to poll (e.g. to wait for a scope's work to end).
   */
  public static long liveThreadsStartedIn(ScopeContext scope) {
    long ended = scope.shutdown(Kind.Thread); // before started: never more ended than started
    return scope.created(Kind.Thread) - ended;
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
    Instance known = instanceOf(instance);
    if (known != null) {
      addThreads(known, threads);
      if (known.site.callSite == CallSite.PRE_EXISTING) {
        Snapshots.notePreExistingThreads(known.kind, threads);
      }
      return false;
    }
    Site site = SITES.computeIfAbsent(new Site.Key(kind, "unknown", CallSite.PRE_EXISTING_TEXT, -1, null),
        k -> new Site(kind, CallSite.PRE_EXISTING, List.of(), null));
    Instance inst = new Instance(IDS.incrementAndGet(), kind, site, "unknown", System.currentTimeMillis(), null,
        TestWindows.NO_SCOPES, false);
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
    Snapshots.notePreExistingThreads(kind, threads);
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
          if (!field.trySetAccessible()) {
            continue; // a field of a module closed to LeakGate: not where a stand-in is
          }
          value = field.get(component);
        } catch (RuntimeException | IllegalAccessException e) {
          continue;
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

  /** Registry entries held right now (instances, sites, claimed threads not started); for footprint tests and benchmarks. */
  public static int entries() {
    expunge();
    return INSTANCES.size() + ORPHANS.size() + SITES.size() + ThreadOwnership.unstarted();
  }
}
