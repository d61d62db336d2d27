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
  /** The site used when no frame qualifies. */
  public static final CallSite UNKNOWN = new CallSite("unknown", "unknown", null, -1);
  /** What a component built before LeakGate started shows as its site (its creating line is unknown). */
  public static final String PRE_EXISTING_TEXT = "built before LeakGate started";
  /**
   * The site of components that existed when LeakGate started (another agent built them first, or
   * the agent was attached later): class unknown, the reason in place of the method.
   */
  public static final CallSite PRE_EXISTING = new CallSite("unknown", PRE_EXISTING_TEXT, null, -1);

  /** {@code className.method(File.java:line)}, the format used in reports and messages. */
  @Override
  public String toString() {
    if ("unknown".equals(className)) {
      return method; // "unknown", or why it is unknown
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
