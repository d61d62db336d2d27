package dev.leakgate.internal.probe;

/** A problem the user can fix (no agent, a JVM that is gone, a URL that does not answer): exit code 2. */
public final class ProbeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-line message naming the problem. */
  public ProbeException(String message) {
    super(message);
  }

  /** An exception with a one-line message and its cause. */
  public ProbeException(String message, Throwable cause) {
    super(message, cause);
  }
}
