package dev.leakgate.agent.registry;

import java.util.List;

/**
 * A thread-owning component LeakGate tracks; the constant's name is the kind's name in reports. The
 * kinds are data, one row each: the class, where an instance is created (its constructors, or a
 * thread's {@code start}), the methods that shut it down, and how it owns its threads. The weavers and
 * the registry read these rows; a new kind is a new row.
 */
public enum Kind {
  BatchSpanProcessor(Origin.SDK, "trace/export/BatchSpanProcessor", Rows.SDK_SHUTDOWN, Threads.FACTORY),
  BatchLogRecordProcessor(Origin.SDK, "logs/export/BatchLogRecordProcessor", Rows.SDK_SHUTDOWN, Threads.FACTORY),
  /** Its threads start when a meter provider registers it. */
  PeriodicMetricReader(Origin.SDK, "metrics/export/PeriodicMetricReader", Rows.SDK_SHUTDOWN, Threads.FACTORY,
      List.of(), List.of(), List.of("register")),
  SdkTracerProvider(Origin.SDK, "trace/SdkTracerProvider", Rows.SDK_SHUTDOWN, Threads.FACTORY),
  SdkMeterProvider(Origin.SDK, "metrics/SdkMeterProvider", Rows.SDK_SHUTDOWN, Threads.FACTORY),
  SdkLoggerProvider(Origin.SDK, "logs/SdkLoggerProvider", Rows.SDK_SHUTDOWN, Threads.FACTORY),
  OpenTelemetrySdk(Origin.SDK, "OpenTelemetrySdk", Rows.SDK_SHUTDOWN, Threads.FACTORY),
  /** Also a ScheduledThreadPoolExecutor, and the pool inside what {@code Executors.new*} return. */
  ThreadPoolExecutor(Origin.JDK, "java/util/concurrent/ThreadPoolExecutor", List.of("shutdown", "shutdownNow"),
      Threads.LINKED, List.of(new ThreadLink("java/util/concurrent/ThreadPoolExecutor$Worker", "this$0", "thread")),
      List.of(), List.of()),
  /** Not the common pool: the JDK builds that one for itself. */
  ForkJoinPool(Origin.JDK, "java/util/concurrent/ForkJoinPool", List.of("shutdown", "shutdownNow", "close"),
      Threads.LINKED, List.of(new ThreadLink("java/util/concurrent/ForkJoinWorkerThread", "pool", null),
          new ThreadLink("java/util/concurrent/DelayScheduler", "pool", null)), // JDK 25: its scheduling thread
      List.of(), List.of()),
  Timer(Origin.JDK, "java/util/Timer", List.of("cancel"),
      Threads.LINKED, List.of(new ThreadLink("java/util/Timer", null, "thread")), List.of(), List.of()),
  /**
   * {@code java.net.http.HttpClient}: its implementation, in the platform loader's java.net.http. Shut
   * down by {@code shutdown}/{@code shutdownNow}/{@code close} (JDK 21+), or when it stops: its selector
   * thread stops it just before ending, which on JDK 17 (no close) happens once the client was dropped
   * and collected.
   */
  HttpClient(Origin.JDK, "jdk/internal/net/http/HttpClientImpl", List.of("shutdown", "shutdownNow", "stop"),
      Threads.LINKED, List.of(new ThreadLink("jdk/internal/net/http/HttpClientImpl", null, "selmgr")),
      List.of(), List.of()),
  /**
   * A platform thread started by application code that no component owns: created when it starts,
   * shut down when it ends. Not a thread a tracked component made or was handed, nor one an executor's
   * own code starts (a server's worker pool), nor one the JDK starts for itself. Virtual threads are
   * not tracked.
   */
  Thread(Origin.JDK, "java/lang/Thread", List.of("exit"), Threads.ITSELF, List.of(), List.of("start"), List.of());

  private static final Kind[] ALL = values();

  /** Where a kind's class lives, which decides how it is woven. */
  public enum Origin {
    /** The OpenTelemetry SDK (or a relocated copy), in any class loader; the internal name is below the SDK package. */
    SDK,
    /** The JDK, in the boot or platform class loader: woven once the first scope opens (or at start: jdk=start). */
    JDK
  }

  /** How a component owns its threads. */
  public enum Threads {
    /** The SDK's DaemonThreadFactory made them while the component was built (or one of its owner methods ran). */
    FACTORY,
    /** Its {@link ThreadLink}s name the woven constructors that hand a thread to its owner. */
    LINKED,
    /** The component is the thread. */
    ITSELF
  }

  /**
   * A constructor that gives a thread its owner: when a constructor of {@code className} returns, the
   * thread ({@code this}, or the field {@code threadField}) belongs to the owner ({@code this}, or the
   * field {@code ownerField}), whether that owner is tracked or not.
   */
  public record ThreadLink(String className, String ownerField, String threadField) {}

  private final Origin origin;
  private final String internalName;
  private final List<String> shutdownMethods;
  private final Threads threads;
  private final List<ThreadLink> links;
  /** Methods at whose entry an instance is created (a thread's start); empty: its constructors create it. */
  private final List<String> createdAt;
  /** Methods during which the component's threads start (SDK only: PeriodicMetricReader.register). */
  private final List<String> ownerMethods;

  Kind(Origin origin, String internalName, List<String> shutdownMethods, Threads threads) {
    this(origin, internalName, shutdownMethods, threads, List.of(), List.of(), List.of());
  }

  Kind(Origin origin, String internalName, List<String> shutdownMethods, Threads threads, List<ThreadLink> links,
      List<String> createdAt, List<String> ownerMethods) {
    this.origin = origin;
    this.internalName = internalName;
    this.shutdownMethods = shutdownMethods;
    this.threads = threads;
    this.links = links;
    this.createdAt = createdAt;
    this.ownerMethods = ownerMethods;
  }

  /** Where the kind's class lives. */
  public Origin origin() {
    return origin;
  }

  /** The fully qualified class name of this kind (in the SDK's own package for SDK kinds). */
  public String className() {
    return (origin == Origin.SDK ? "io.opentelemetry.sdk." : "") + internalName.replace('/', '.');
  }

  /** No-argument methods that shut an instance down (the first call counts). */
  public List<String> shutdownMethods() {
    return shutdownMethods;
  }

  /** How it owns its threads. */
  public Threads threads() {
    return threads;
  }

  /** Methods at whose entry an instance is created; empty when its constructors create it. */
  public List<String> createdAt() {
    return createdAt;
  }

  /** Methods during which its threads start and belong to it (the SDK's factory makes them). */
  public List<String> ownerMethods() {
    return ownerMethods;
  }

  /** The kind with this name (a woven class passes its kind's name), or null. */
  public static Kind of(Object name) {
    for (Kind kind : ALL) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    return null;
  }

  /** The SDK kind whose class is {@code sdkRelativeName} (below {@code io/opentelemetry/sdk/}), or null. */
  public static Kind ofSdkClass(String sdkRelativeName) {
    for (Kind kind : ALL) {
      if (kind.origin == Origin.SDK && kind.internalName.equals(sdkRelativeName)) {
        return kind;
      }
    }
    return null;
  }

  /** The JDK kind whose class is {@code internalName}, or null. */
  public static Kind ofJdkClass(String internalName) {
    for (Kind kind : ALL) {
      if (kind.origin == Origin.JDK && kind.internalName.equals(internalName)) {
        return kind;
      }
    }
    return null;
  }

  /** The thread link woven into {@code internalName}'s constructors, or null. */
  public static ThreadLink linkIn(String internalName) {
    for (Kind kind : ALL) {
      for (ThreadLink link : kind.links) {
        if (link.className().equals(internalName)) {
          return link;
        }
      }
    }
    return null;
  }

  /** The JDK kinds' classes and the classes that link their threads (internal names): what the JDK weaving touches. */
  public static List<String> jdkClasses() {
    return JdkCode.INTERNAL_NAMES;
  }

  /** Whether {@code binaryName} is a JDK kind's class or a class that links a JDK kind's threads: that kind's own code. */
  static boolean isJdkKindCode(String binaryName) {
    return JdkCode.BINARY_NAMES.contains(binaryName);
  }

  /** The JDK kind whose class has this binary name, or null. */
  static Kind ofJdkBinaryName(String binaryName) {
    return JdkCode.KINDS.get(binaryName);
  }

  /** The JDK kinds' code, looked up on every frame of a creating stack: computed once. */
  private static final class JdkCode {
    static final List<String> INTERNAL_NAMES;
    static final java.util.Set<String> BINARY_NAMES;
    static final java.util.Map<String, Kind> KINDS = new java.util.HashMap<>();

    static {
      List<String> names = new java.util.ArrayList<>();
      for (Kind kind : values()) {
        if (kind.origin == Origin.JDK) {
          names.add(kind.internalName);
          KINDS.put(kind.internalName.replace('/', '.'), kind);
          for (ThreadLink link : kind.links) {
            if (!names.contains(link.className())) {
              names.add(link.className());
            }
          }
        }
      }
      INTERNAL_NAMES = List.copyOf(names);
      java.util.Set<String> binary = new java.util.HashSet<>();
      for (String name : names) {
        binary.add(name.replace('/', '.'));
      }
      BINARY_NAMES = java.util.Set.copyOf(binary);
    }
  }

  /** Cells several rows share (nested: an enum's own static fields are not set yet while its constants are built). */
  private static final class Rows {
    static final List<String> SDK_SHUTDOWN = List.of("shutdown", "close");
  }
}
