package dev.leakgate.internal.load;

import java.util.concurrent.Callable;

/**
 * Calls a piece of code once per request, in this JVM (a test's request handler, a service method):
 * at a concurrency of 1 on the thread that sends (a test's own thread, with its thread locals), else
 * on a pool of that many threads.
 */
public final class InProcessLoad extends ConcurrentSender {
  private final Callable<?> request;

  /** A driver that calls {@code request} per request, {@code concurrency} at a time. */
  public InProcessLoad(Callable<?> request, int concurrency) {
    super(concurrency, "leakgate-load", true);
    this.request = request;
  }

  @Override
  void sendOne() throws Exception {
    try {
      request.call();
    } catch (Exception e) {
      throw new LoadException("the request code threw " + e, e);
    }
  }

  @Override
  public String toString() {
    return "InProcessLoad{concurrency=" + concurrency() + (onCallerThread() ? ", on the caller's thread" : "") + "}";
  }
}
