package dev.leakgate.benchmarks.programs;

/** The smallest program: what the JVM costs to start and stop, with or without an agent. */
public final class Hello {
  private Hello() {}

  /** Prints hello. */
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
