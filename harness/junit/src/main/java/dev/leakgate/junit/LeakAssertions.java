package dev.leakgate.junit;

/** Entry point of LeakGate's AssertJ assertions: {@code assertThat(meter.measure(...)).isNotLeaking()}. */
public final class LeakAssertions {
  private LeakAssertions() {}

  /**
   * Starts assertions on what a {@link LeakMeter} measured.
   *
   * @param actual the result of {@link LeakMeter#measure(int, int, java.util.concurrent.Callable) measure}
   * @return the assertions
   */
  public static GrowthResultAssert assertThat(GrowthResult actual) {
    return new GrowthResultAssert(actual);
  }
}
