package com.acme;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Work done per call on a new pool, a new timer or a new thread: the shapes of the bug. */
public final class Orders {

  /** Places the order on a pool built for it, which the caller may shut down. */
  public static ExecutorService place(String item) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2); // POOL
    Future<String> placed = pool.submit(() -> "placed " + item);
    placed.get();
    return pool;
  }

  /** Reminds the customer in an hour, on a timer built for it. */
  public static Timer remind(String customer) {
    Timer timer = new Timer(true); // TIMER
    timer.schedule(new TimerTask() {
      @Override
      public void run() {
        System.out.println("reminding " + customer);
      }
    }, 3_600_000);
    return timer;
  }

  /** Audits the order on a thread of its own, which runs until {@code done} is interrupted. */
  public static Thread audit(String item) {
    Thread thread = new Thread(() -> {
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "audit-" + item);
    thread.setDaemon(true);
    thread.start(); // THREAD
    return thread;
  }

  private Orders() {}
}
