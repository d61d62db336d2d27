package dev.leakgate.junit;

/** Entry point of LeakGate's AssertJ assertions: {@code assertThat(meter.measure(...)).isNotLeaking()}. */
public final class LeakAssertions {
  private LeakAssertions() {}

  /** Assertions on what a {@link LeakMeter} measured. */
  public static GrowthResultAssert assertThat(GrowthResult actual) {
    return new GrowthResultAssert(actual);
  }
}
