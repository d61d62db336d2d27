package dev.leakgate.it.samples;

/** Prints one line: the smallest program an agent can slow down or make noisy. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
