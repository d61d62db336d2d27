package dev.leakgate.benchmarks;

/**
 * Which iterations of a benchmark that alternates within one JVM run "on": on, off, off, on, on, off,
 * off, on, ... so load from the rest of a shared machine, and a throughput still climbing with the
 * JIT, fall on both halves alike; a one-iteration smoke runs "on".
 */
final class OnOffOffOn {
  private OnOffOffOn() {}

  /** Whether iteration {@code index} (0 first) runs on. */
  static boolean on(int index) {
    int inBlock = index % 4;
    return inBlock == 0 || inBlock == 3;
  }
}
