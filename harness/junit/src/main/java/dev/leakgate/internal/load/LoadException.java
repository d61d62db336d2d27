package dev.leakgate.internal.load;

/** A request failed: the target answered an error status, or could not be reached. */
public final class LoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a one-line message naming the request and the problem. */
  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
