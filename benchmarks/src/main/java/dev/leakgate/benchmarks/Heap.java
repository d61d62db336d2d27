package dev.leakgate.benchmarks;

import java.lang.management.ManagementFactory;

/** The heap in use once what is unreachable has been collected: what a footprint compares. */
final class Heap {
  private static final int FULL_COLLECTIONS = 3;

  private Heap() {}

  /** Bytes of heap in use after a few full collections. */
  static long usedAfterCollections() {
    for (int i = 0; i < FULL_COLLECTIONS; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
