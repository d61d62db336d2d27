package io.opentelemetry.leakgatetest;

import java.util.concurrent.CountDownLatch;

/**
 * An OpenTelemetry class that is no component kind of LeakGate's and starts a thread in its
 * constructor (as an exporter's HTTP sender may): JFR attribution must not invent a kind from it.
 */
public final class PollingSender implements AutoCloseable {
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread poller;

  /** Starts the polling thread. */
  public PollingSender() {
    poller = new Thread(this::poll, "polling-sender");
    poller.start();
  }

  private void poll() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed.countDown();
    poller.join();
  }
}
