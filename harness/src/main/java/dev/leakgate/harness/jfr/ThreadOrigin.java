package dev.leakgate.harness.jfr;

import dev.leakgate.reports.model.Kinds;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Where a thread came from, read from the stack of its {@code jdk.ThreadStart} event: the creating
 * site (the first frame outside the JDK, the OpenTelemetry SDK and LeakGate), the component kind
 * (the SDK class of {@link Kinds#KNOWN} whose constructor or {@code register} is on the stack, else
 * {@value #THREAD_KIND}),
 * and the thread's name with its numbers folded ({@code pool-*-thread-*}).
 */
record ThreadOrigin(String kind, String site, String className, String method, String file, int line,
    List<String> stack, String namePattern) {
  /** The kind of a thread that no SDK component started. */
  static final String THREAD_KIND = "Thread";
  /** The site of a stack cut before it left the JDK and the SDK. */
  static final String UNKNOWN = "unknown";
  /** Frames kept per site, as the agent's default {@code stackDepth}. */
  static final int STACK_DEPTH = 32;

  /**
   * The origin of a thread started with {@code stack}, or null when every frame belongs to the JDK
   * (and the stack is complete): the JVM's own threads, such as those serving the probe's JMX
   * connection, are nobody's culprit.
   */
  static ThreadOrigin of(RecordedStackTrace stack, String threadName) {
    String kind = null;
    RecordedFrame culprit = null;
    boolean ownCode = false;
    List<String> frames = new ArrayList<>();
    List<RecordedFrame> all = stack == null ? List.of() : stack.getFrames();
    for (RecordedFrame frame : all) {
      if (!frame.isJavaFrame() || frame.getMethod() == null) {
        continue;
      }
      String className = frame.getMethod().getType().getName();
      String method = frame.getMethod().getName();
      if (frames.size() < STACK_DEPTH) {
        frames.add(describe(className, method, frame.getLineNumber()));
      }
      if (!isJdk(className)) {
        ownCode = true;
      }
      if (kind == null && culprit == null && className.startsWith("io.opentelemetry.")
          && (method.equals("<init>") || method.equals("register")) && Kinds.isKnown(simpleName(className))) {
        kind = simpleName(className);
      }
      if (culprit == null && !isInternal(className) && !className.contains("$$Lambda")) {
        culprit = frame;
      }
    }
    if (!ownCode && stack != null && !stack.isTruncated()) {
      return null;
    }
    String pattern = foldNumbers(threadName);
    String resolvedKind = kind == null ? THREAD_KIND : kind;
    if (culprit == null) {
      return new ThreadOrigin(resolvedKind, UNKNOWN, null, null, null, -1, frames, pattern);
    }
    String className = culprit.getMethod().getType().getName();
    String method = culprit.getMethod().getName();
    int line = culprit.getLineNumber();
    return new ThreadOrigin(resolvedKind, describe(className, method, line), className, method, sourceFile(className),
        line, frames, pattern);
  }

  /** Frames of the SDK, the JDK and LeakGate's agent never name a culprit (the agent's rule). */
  static boolean isInternal(String className) {
    return isJdk(className)
        || className.startsWith("io.opentelemetry.")
        || className.startsWith("dev.leakgate.api.")
        || className.startsWith("dev.leakgate.agent.");
  }

  private static boolean isJdk(String className) {
    return className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.");
  }

  /** {@code pool-3-thread-12} becomes {@code pool-*-thread-*}: a pool's threads share one pattern. */
  static String foldNumbers(String threadName) {
    return threadName == null ? "?" : threadName.replaceAll("[0-9]+", "*");
  }

  /** {@code com.acme.Foo.bar(Foo.java:42)}, the format of the agent's sites. */
  private static String describe(String className, String method, int line) {
    String file = sourceFile(className);
    return className + "." + method + "(" + file + (line > 0 ? ":" + line : "") + ")";
  }

  /** JFR records no source file; the top-level class's name is the Java convention. */
  private static String sourceFile(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    int nested = simple.indexOf('$');
    return (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
  }

  private static String simpleName(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    int nested = simple.indexOf('$');
    return nested > 0 ? simple.substring(0, nested) : simple;
  }
}
