package dev.leakgate.it.samples;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A service that never opens a scope: a pool per call (three calls) and one in a static field. */
public final class PoolsWithoutScopes {
  private static final ExecutorService SHARED = Executors.newFixedThreadPool(1);

  private PoolsWithoutScopes() {}

  public static void main(String[] args) throws Exception {
    for (int call = 0; call < 3; call++) {
      ExecutorService perCall = Executors.newFixedThreadPool(1); // PER-CALL
      perCall.submit(() -> { }).get();
    }
    SHARED.submit(() -> { }).get();
    System.exit(0); // the leaked pools' threads would keep the JVM alive
  }
}
