package dev.leakgate.it.samples;

import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.it.support.Reachability;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * In a fresh JVM, one scope is the first to use a JDK-internal thread ({@code args[0]}: the common
 * pool's workers, CompletableFuture's delayed executor, {@code orTimeout}, or JDK 25's
 * {@code ForkJoinPool.commonPool().schedule}), so that thread starts in it; the scope closes once its
 * work ran. Prints whether the scope can then be collected ("collectable true").
 */
public final class JdkThreadsAfterAScope {
  private static final long WAIT_SECONDS = 10;

  private JdkThreadsAfterAScope() {}

  public static void main(String[] args) {
    try {
      WeakReference<ScopeContext> scope = useIn(args[0]);
      System.out.println("collectable " + Reachability.clears(scope, Duration.ofSeconds(5)));
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  private static WeakReference<ScopeContext> useIn(String use) throws Exception {
    try (ScopeContext scope = Scopes.open("uses-" + use)) {
      switch (use) {
        case "commonPool" -> {
          IntStream.range(0, 64).parallel().map(i -> i * 2).sum();
          CompletableFuture.runAsync(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        case "delayedExecutor" -> {
          CountDownLatch ran = new CountDownLatch(1);
          CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(ran::countDown);
          if (!ran.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the delayed task did not run");
          }
        }
        case "orTimeout" -> {
          CompletableFuture<Object> never = new CompletableFuture<>().orTimeout(5, TimeUnit.MILLISECONDS);
          try {
            never.get(WAIT_SECONDS, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
              throw e;
            }
          }
        }
        case "commonPoolSchedule" -> {
          // ForkJoinPool is a ScheduledExecutorService from JDK 25 on; compiled for 17, so cast at run time
          ScheduledExecutorService common = (ScheduledExecutorService) (Object) ForkJoinPool.commonPool();
          common.schedule(() -> { }, 5, TimeUnit.MILLISECONDS).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        default -> throw new IllegalArgumentException("unknown use " + use);
      }
      return new WeakReference<>(scope);
    }
  }
}
