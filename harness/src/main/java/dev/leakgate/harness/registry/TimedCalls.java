package dev.leakgate.harness.registry;

import dev.leakgate.internal.probe.ProbeException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls into another JVM, each run on a daemon thread of this client and waited for at most the
 * timeout: neither JMX over RMI nor the Attach API bounds a peer that accepts and never answers (a
 * stopped JVM, a port that is no JMX agent). A call that timed out may stay stuck on its thread; the
 * next call gets a thread of its own, so closing a recording is never queued behind a stuck read.
 */
public final class TimedCalls {
  private final String target;
  private final Duration timeout;
  private final ExecutorService threads;
  private volatile String stuckIn;

  /** Calls to {@code target} (named in messages), each bounded by {@code timeout}. */
  public TimedCalls(String target, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.target = target;
    this.timeout = timeout;
    this.threads = Executors.newCachedThreadPool(task -> {
      Thread t = new Thread(task, "leakgate-remote-calls");
      // a call stuck on a silent peer must not keep the probe's JVM alive
      t.setDaemon(true);
      return t;
    });
  }

  /** The JVM the calls go to, as messages name it. */
  public String target() {
    return target;
  }

  /** The most each call may take. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Runs {@code call} and returns its answer; throws a {@link ProbeException} naming {@code what} when
   * it takes longer than the timeout, or the call's own exception.
   */
  public <T> T call(String what, Callable<T> call) throws Exception {
    Future<T> answer;
    try {
      answer = threads.submit(call);
    } catch (RejectedExecutionException closed) {
      throw new ProbeException("the connection to " + target + " is closed, so " + what + " cannot be asked", closed);
    }
    try {
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      stuckIn = what;
      answer.cancel(true);
      throw new ProbeException(target + " did not answer " + what + " within " + timeout.toSeconds() + " s (--timeout)", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProbeException("interrupted while waiting for " + target, e);
    }
  }

  /** Whether a call timed out: its thread may still be stuck in it. */
  public boolean stuck() {
    return stuckIn != null;
  }

  /** Runs {@code cleanup} on a thread of its own, without waiting for it, and takes no more calls. */
  public void closeWith(Runnable cleanup) {
    try {
      threads.execute(cleanup);
    } catch (RejectedExecutionException alreadyClosed) {
      // an earlier close ran its cleanup already
    }
    threads.shutdown();
  }

  @Override
  public String toString() {
    return "TimedCalls{" + target + ", timeout=" + timeout + (stuckIn == null ? "" : ", stuck in " + stuckIn) + "}";
  }
}
