package dev.leakgate.internal.load;

import java.util.concurrent.Callable;

/** Calls a piece of code once per request, in this JVM (a test's request handler, a service method). */
public final class InProcessLoad extends ConcurrentSender {
  private final Callable<?> request;

  /** A driver that calls {@code request} per request, {@code concurrency} at a time. */
  public InProcessLoad(Callable<?> request, int concurrency) {
    super(concurrency, "leakgate-load");
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
    return "InProcessLoad{concurrency=" + concurrency() + "}";
  }
}
