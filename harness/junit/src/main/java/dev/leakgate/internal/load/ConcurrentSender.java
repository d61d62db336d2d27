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

/**
 * Runs one request action up to N at a time on its own threads, or, for a driver that asks for it,
 * one at a time on the thread that calls {@link #send}; the shared part of every driver.
 */
abstract class ConcurrentSender implements LoadDriver {
  /** No single request may take longer than this: a hung target fails the run instead of hanging it. */
  static final long REQUEST_TIMEOUT_SECONDS = 60;

  private final int concurrency;
  /** Null when requests run on the caller's thread. */
  private final ExecutorService pool;

  ConcurrentSender(int concurrency, String threadPrefix) {
    this(concurrency, threadPrefix, false);
  }

  /** With {@code callerRunsAlone}, a concurrency of 1 sends every request on the thread that calls {@link #send}. */
  ConcurrentSender(int concurrency, String threadPrefix, boolean callerRunsAlone) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    this.concurrency = concurrency;
    if (callerRunsAlone && concurrency == 1) {
      this.pool = null;
      return;
    }
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
    if (pool == null) {
      sendOnThisThread(count);
      return;
    }
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

  /** No timeout here: the caller's own (a test's {@code @Timeout}) bounds a request that hangs. */
  private void sendOnThisThread(int count) {
    for (int i = 0; i < count; i++) {
      try {
        sendOne();
      } catch (LoadException e) {
        throw e;
      } catch (Exception e) {
        throw new LoadException("a request failed: " + e, e);
      }
    }
  }

  /** True when requests run on the thread that calls {@link #send}, one at a time. */
  final boolean onCallerThread() {
    return pool == null;
  }

  @Override
  public final int concurrency() {
    return concurrency;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
