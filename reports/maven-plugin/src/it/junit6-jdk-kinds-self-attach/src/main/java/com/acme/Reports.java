package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Report rendering: on a fork-join pool and a scheduler built per call, or on one shared pool. */
public final class Reports {
  private static final ExecutorService SHARED = Executors.newFixedThreadPool(2);

  /** Renders on a fork-join pool built for it, which the caller may shut down. */
  public static ForkJoinPool render(String name) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2); // FORK-JOIN
    pool.submit(() -> "rendered " + name).get();
    return pool;
  }

  /** Schedules a refresh on a scheduler built for it, which the caller may shut down. */
  public static ScheduledExecutorService refresh(String name) throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(); // SCHEDULER
    scheduler.schedule(() -> "refreshed " + name, 1, TimeUnit.MILLISECONDS).get();
    return scheduler;
  }

  /** Renders on the shared pool. */
  public static String renderShared(String name) throws Exception {
    return SHARED.submit(() -> "rendered " + name).get();
  }

  private Reports() {}
}
