package dev.leakgate.agent.registry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the stack that creates a component says about it, read in one walk: the creating line, whether
 * it is process-wide (and why), and whether another tracked component's own code built it (then it is
 * part of that component, not a component of its own). Decided by who built what, never by names of
 * threads.
 */
final class CreatingStack {
  /** Frames searched before giving up. */
  static final int MAX_FRAMES = 512;

  /** Why a component is process-wide (a report's {@code reason}); never a test's or a request's. */
  enum ProcessWide {
    /** Built in a static initialiser: the process-wide singleton the advice asks for. */
    STATIC_INITIALISER("static-initialiser"),
    /** Built or started by the JDK for itself (the common pool's workers, a keep-alive timer, a cleaner). */
    JDK("jdk"),
    /** Built by the test engine for itself (JUnit's timeout watcher, Surefire's pumps). */
    TEST_ENGINE("test-engine");

    /** The reason's name in reports. */
    final String reason;

    ProcessWide(String reason) {
      this.reason = reason;
    }
  }

  /** The creating line: the first frame outside OpenTelemetry, the JDK and LeakGate (see {@link #of}), or null. */
  final StackWalker.StackFrame site;
  /** Why it is process-wide, or null when it belongs to the scopes open where it was built. */
  final ProcessWide processWide;
  /** Another tracked component's own code built it (a JDK kind only): it is part of that one. */
  final boolean partOfAnother;

  private CreatingStack(StackWalker.StackFrame site, ProcessWide processWide, boolean partOfAnother) {
    this.site = site;
    this.processWide = processWide;
    this.partOfAnother = partOfAnother;
  }

  /** Reads the calling thread's stack for a component of {@code kind} being created now. */
  static CreatingStack of(Kind kind) {
    return Walker.INSTANCE.walk(new Reading(kind));
  }

  /** The creating stack from {@code site} outwards, as strings, at most {@code depth} frames. */
  static List<String> stackFrom(StackWalker.StackFrame site, int depth) {
    return Walker.INSTANCE.walk(new StackFromSite(depth, site));
  }

  /** The line that shut a component down: the first frame outside OpenTelemetry, the JDK and LeakGate. */
  static CallSite shutdownSite() {
    StackWalker.StackFrame frame = Walker.INSTANCE.walk(FirstOutside.APPLICATION);
    if (frame == null) {
      frame = Walker.INSTANCE.walk(FirstOutside.SDK); // OpenTelemetry's own code shut it down
    }
    return frame == null ? CallSite.UNKNOWN : callSite(frame);
  }

  static CallSite callSite(StackWalker.StackFrame frame) {
    return new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
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
    return isPlatformFrame(className) || isSdkCode(className)
        || isOpenTelemetryLibrary(className, "api.") || isOpenTelemetryLibrary(className, "context.");
  }

  /** The OpenTelemetry SDK's own code (or a relocated copy's). */
  private static boolean isSdkCode(String className) {
    return startsWithAny(className, RecordingSettings.relocatedSdks()) || isOpenTelemetryLibrary(className, "sdk.");
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

  /**
   * Thread.start, the JDK's thread builders' start and the bridge other JDK packages start threads
   * through: what starts a thread for its caller, who is the starter.
   */
  private static boolean isThreadStartingApi(String className) {
    return className.equals("java.lang.Thread") || className.startsWith("java.lang.ThreadBuilders")
        || className.startsWith("java.lang.System$");
  }

  /** The JDK and LeakGate's agent. */
  static boolean isPlatformFrame(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.")
        || isLeakGateFrame(className);
  }

  private static boolean isLeakGateFrame(String className) {
    return className.startsWith("dev.leakgate.api.") || className.startsWith("dev.leakgate.agent.");
  }

  /**
   * The engines that run tests (JUnit Platform and its engines, Surefire, Gradle's test workers): what
   * only they build, with no test's code on the stack, is theirs, as the JDK's own is the JDK's.
   */
  static boolean isTestEngineFrame(String className) {
    return className.startsWith("org.junit.platform.")
        || className.startsWith("org.junit.jupiter.engine.")
        || className.startsWith("org.junit.vintage.engine.")
        || className.startsWith("org.apache.maven.surefire.")
        || className.startsWith("org.gradle.");
  }

  /** Created on the first recording, not in premain: StackWalker's set-up costs milliseconds. */
  private static final class Walker {
    static final StackWalker INSTANCE = StackWalker.getInstance();
  }

  /** One walk over the creating stack, innermost frame first. */
  private static final class Reading implements Function<Stream<StackWalker.StackFrame>, CreatingStack> {
    private final Kind kind;

    Reading(Kind kind) {
      this.kind = kind;
    }

    @Override
    public CreatingStack apply(Stream<StackWalker.StackFrame> frames) {
      boolean jdkKind = kind.origin() == Kind.Origin.JDK;
      StackWalker.StackFrame application = null; // outside OpenTelemetry, the JDK and LeakGate
      StackWalker.StackFrame outsideSdk = null; // outside the SDK, the JDK and LeakGate
      StackWalker.StackFrame starter = null; // what called Thread.start
      StackWalker.StackFrame staticInitialiser = null;
      StackWalker.StackFrame jdkSite = null; // the JDK code that built it, when no other code did
      boolean outsidePlatform = false;
      boolean testEngine = false;
      boolean partOf = false;
      Iterator<StackWalker.StackFrame> it = frames.iterator();
      for (int i = 0; i < MAX_FRAMES && it.hasNext(); i++) {
        StackWalker.StackFrame f = it.next();
        String cls = f.getClassName();
        if (staticInitialiser == null && f.getMethodName().equals("<clinit>")) {
          staticInitialiser = f;
        }
        boolean platform = isPlatformFrame(cls);
        if (!platform) {
          if (isTestEngineFrame(cls)) {
            testEngine = true;
          } else {
            outsidePlatform = true;
          }
        }
        if (kind == Kind.Thread && starter == null && !isThreadStartingApi(cls) && !isLeakGateFrame(cls)) {
          starter = f;
          // a tracked component's own code starts the thread: its own thread link claims it (a Timer's)
          partOf = Kind.isJdkKindCode(cls);
        }
        if (jdkSite == null && !isLeakGateFrame(cls) && !Kind.isJdkKindCode(cls)
            && !cls.equals("java.lang.Thread") && !cls.startsWith("java.util.concurrent.Executors")) {
          jdkSite = f;
        }
        if (jdkKind && application == null && !partOf && isPartOfAnother(f, cls)) {
          partOf = true;
        }
        if (application == null && !isInternalFrame(cls)) {
          application = f;
        }
        if (outsideSdk == null && !isSdkFrame(cls)) {
          outsideSdk = f;
        }
      }
      ProcessWide processWide = null;
      StackWalker.StackFrame site = application != null ? application : outsideSdk;
      if (staticInitialiser != null) {
        processWide = ProcessWide.STATIC_INITIALISER;
        if (application == null || isPlatformFrame(staticInitialiser.getClassName())) {
          site = staticInitialiser; // the JDK's own static initialiser (the common pool, CompletableFuture's delayer)
        }
      } else if (!outsidePlatform) {
        processWide = testEngine ? ProcessWide.TEST_ENGINE : ProcessWide.JDK;
        site = site != null ? site : jdkSite;
      } else if (starter != null && isPlatformFrame(starter.getClassName())) {
        processWide = ProcessWide.JDK; // the JDK started the thread for itself (a keep-alive timer, a cleaner)
        site = starter;
      }
      return new CreatingStack(site, processWide, partOf);
    }

    /**
     * Whether the frame is another tracked component's own code: the OpenTelemetry SDK (a periodic
     * reader's scheduler), or the constructor of another kind's class (an HTTP client's executor).
     */
    private boolean isPartOfAnother(StackWalker.StackFrame f, String cls) {
      if (isSdkCode(cls)) {
        return true;
      }
      if (!f.getMethodName().equals("<init>")) {
        return false;
      }
      Kind other = Kind.ofJdkBinaryName(cls);
      return other != null && other != kind;
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
      for (int i = 0; i < MAX_FRAMES && it.hasNext(); i++) {
        StackWalker.StackFrame f = it.next();
        if (!(sdkOnly ? isSdkFrame(f.getClassName()) : isInternalFrame(f.getClassName()))) {
          return f;
        }
      }
      return null;
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
        if (out.isEmpty() && !isSite(f) && skipped++ < MAX_FRAMES) {
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
