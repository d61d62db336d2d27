package compare.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** An application class that refreshes a price in the background; it has no close(), so nobody stops it. */
public final class PriceFeed {
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(); // creates: schedulerInApplicationClass
  private volatile double latest = 100.0;

  public PriceFeed() {
    refresher.scheduleAtFixedRate(() -> latest = latest * 1.0001, 0, 100, TimeUnit.MILLISECONDS);
  }

  /** The last price seen. */
  public double latest() {
    return latest;
  }
}
