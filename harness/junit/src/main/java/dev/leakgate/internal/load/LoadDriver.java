package dev.leakgate.internal.load;

/** Sends requests to the code under test and returns when every response is in. */
public interface LoadDriver extends AutoCloseable {
  /** Sends {@code count} requests, up to {@link #concurrency()} at a time, and waits for all of them. */
  void send(int count);

  /** How many requests are in flight at most. */
  int concurrency();

  /** Stops any threads the driver owns. */
  @Override
  void close();
}
