package dev.leakgate.agent.registry;

/**
 * The line that created a component: the first stack frame outside the SDK, the JDK and LeakGate.
 *
 * @param className binary name of the frame's class
 * @param method the frame's method name
 * @param file source file name, or null when the class has none
 * @param line source line, or -1 when unknown
 */
public record CallSite(String className, String method, String file, int line) {
  /** The site used when no frame qualifies (e.g. threads that existed before attach). */
  public static final CallSite UNKNOWN = new CallSite("unknown", "unknown", null, -1);

  /** {@code className.method(File.java:line)}, the format used in reports and messages. */
  @Override
  public String toString() {
    if (this == UNKNOWN || "unknown".equals(className) && "unknown".equals(method)) {
      return "unknown";
    }
    StringBuilder b = new StringBuilder(className.length() + method.length() + 24);
    b.append(className).append('.').append(method).append('(');
    if (file == null) {
      b.append("Unknown Source");
    } else {
      b.append(file);
      if (line >= 0) {
        b.append(':').append(line);
      }
    }
    return b.append(')').toString();
  }
}
