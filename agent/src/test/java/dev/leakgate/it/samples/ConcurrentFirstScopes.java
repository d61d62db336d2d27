package dev.leakgate.it.samples;

import dev.leakgate.agent.registry.ScopeContext;
import dev.leakgate.agent.registry.Scopes;
import dev.leakgate.it.support.Processors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's first scopes, opened at once: {@value #OPENERS} threads wait at a barrier, then each opens
 * its first scope and hands a task that builds a processor to a pool started before any scope. Prints
 * how many of those processors counted for the scope that handed them off ({@value #OPENERS} when no
 * hand-off is lost while the first opener weaves the JDK).
 */
public final class ConcurrentFirstScopes {
  public static final int OPENERS = 8;
  private static final long WAIT_SECONDS = 20;

  private ConcurrentFirstScopes() {}

  public static void main(String[] args) {
    try {
      System.out.println("in their scope: " + run() + " of " + OPENERS);
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // the pool's threads would keep the JVM alive
    }
  }

  private static int run() throws Exception {
    Processors processors = new Processors();
    processors.build(); // the SDK's classes load (and are woven) before the race, not in it
    processors.shutDownAll();
    ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
    CountDownLatch started = new CountDownLatch(OPENERS);
    for (int i = 0; i < OPENERS; i++) {
      pool.execute(() -> {
        started.countDown();
        await(started);
      });
    }
    await(started);

    CyclicBarrier together = new CyclicBarrier(OPENERS);
    AtomicInteger inTheirScope = new AtomicInteger();
    Thread[] openers = new Thread[OPENERS];
    for (int i = 0; i < OPENERS; i++) {
      String name = "first-" + i;
      openers[i] = new Thread(() -> {
        try {
          together.await(WAIT_SECONDS, TimeUnit.SECONDS);
          try (ScopeContext scope = Scopes.open(name)) {
            pool.submit(processors::build).get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (Processors.builtIn(scope) == 1) {
              inTheirScope.incrementAndGet();
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
        }
      }, name);
      openers[i].start();
    }
    for (Thread t : openers) {
      t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }
    processors.shutDownAll();
    return inTheirScope.get();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
