package dev.leakgate.it.samples;

import dev.leakgate.agent.registry.Counts;
import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.report.ReportJson;

/**
 * Lets a forked sample print what the agent's registry holds, as the report JSON between two marker
 * lines. The registry is the agent's own (the agent jar is on the system class path).
 */
public final class RegistryDump {
  /** The line before the JSON. */
  public static final String BEGIN = "---- leakgate snapshot ----";
  /** The line after the JSON. */
  public static final String END = "---- end of snapshot ----";
  private static final long SETTLE_MILLIS = 20_000;

  private RegistryDump() {}

  /** Waits (bounded) until no shut-down component still has a running thread, then prints the snapshot. */
  public static void printWhenNothingDrains() throws InterruptedException {
    long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
    while (draining() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    print();
  }

  /** Prints the snapshot now. */
  public static void print() {
    System.out.println(BEGIN);
    System.out.println(ReportJson.toJson(Registry.snapshot(), "sample", "test"));
    System.out.println(END);
    System.out.println("failures " + Registry.failures());
  }

  /** The JSON printed by {@link #print} in a forked JVM's standard output. */
  public static String in(String stdout) {
    int begin = stdout.indexOf(BEGIN);
    int end = stdout.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new AssertionError("no snapshot in the forked JVM's output:\n" + stdout);
    }
    return stdout.substring(begin + BEGIN.length(), end);
  }

  private static long draining() {
    long sum = 0;
    for (Counts c : Registry.snapshot().components().values()) {
      sum += c.draining();
    }
    return sum;
  }
}
