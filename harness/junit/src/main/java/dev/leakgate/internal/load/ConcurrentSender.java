package dev.leakgate.internal.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs one request action up to N at a time on its own threads; the shared part of every driver. */
abstract class ConcurrentSender implements LoadDriver {
  /** No single request may take longer than this: a hung target fails the run instead of hanging it. */
  static final long REQUEST_TIMEOUT_SECONDS = 60;

  private final int concurrency;
  private final ExecutorService pool;

  ConcurrentSender(int concurrency, String threadPrefix) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    this.concurrency = concurrency;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, threadPrefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Sends one request; throws {@link LoadException} when it fails. */
  abstract void sendOne() throws Exception;

  @Override
  public final void send(int count) {
    List<Future<?>> inFlight = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      inFlight.add(pool.submit(() -> {
        sendOne();
        return null;
      }));
    }
    for (Future<?> f : inFlight) {
      try {
        f.get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        inFlight.forEach(other -> other.cancel(true));
        Throwable cause = e.getCause();
        if (cause instanceof LoadException) {
          throw (LoadException) cause;
        }
        throw new LoadException("a request failed: " + cause, cause);
      } catch (TimeoutException e) {
        inFlight.forEach(other -> other.cancel(true));
        throw new LoadException("a request took longer than " + REQUEST_TIMEOUT_SECONDS + " s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoadException("interrupted while sending requests", e);
      }
    }
  }

  @Override
  public final int concurrency() {
    return concurrency;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
