package dev.leakgate.junit;

import dev.leakgate.reports.gate.Gate;
import dev.leakgate.reports.model.Status;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link GrowthResult}; start with {@link LeakAssertions#assertThat(GrowthResult)}. */
public final class GrowthResultAssert extends AbstractAssert<GrowthResultAssert, GrowthResult> {

  GrowthResultAssert(GrowthResult actual) {
    super(actual, GrowthResultAssert.class);
  }

  /**
   * Verifies that live components do not keep growing with requests (any status but LEAK).
   *
   * @return this assertion, for chaining
   */
  public GrowthResultAssert isNotLeaking() {
    isNotNull();
    if (actual.status() == Status.LEAK) {
      failWithMessage("Expected no leak but %s per request stayed live, created at %s; %s",
          LeakMessage.rate(actual.perRequest()), actual.culprits(), Gate.HINT);
    }
    return this;
  }

  /**
   * Verifies that live components keep growing with requests (status LEAK).
   *
   * @return this assertion, for chaining
   */
  public GrowthResultAssert isLeaking() {
    return hasStatus(Status.LEAK);
  }

  /**
   * Verifies the worst status over all kinds.
   *
   * @param expected LEAK, BOUNDED, CHURN or CLEAN
   * @return this assertion, for chaining
   */
  public GrowthResultAssert hasStatus(Status expected) {
    isNotNull();
    if (actual.status() != expected) {
      failWithMessage("Expected status %s but was %s (%s per request, culprits %s)",
          expected, actual.status(), LeakMessage.rate(actual.perRequest()), actual.culprits());
    }
    return this;
  }

  /**
   * Verifies that no kind adds more than {@code max} live components per request.
   *
   * @param max live components per request allowed for each kind
   * @return this assertion, for chaining
   */
  public GrowthResultAssert hasAtMostPerRequest(double max) {
    isNotNull();
    actual.verdict().byKind().forEach((kind, verdict) -> {
      if (verdict.perRequest() > max) {
        failWithMessage("Expected at most %s live per request but %s added %s per request, created at %s",
            LeakMessage.rate(max), kind, LeakMessage.rate(verdict.perRequest()), actual.culprits());
      }
    });
    return this;
  }

  /**
   * Verifies that {@code kind} adds exactly {@code expected} live components per request (to 0.01).
   *
   * @param kind a component kind as the report names it, e.g. {@code BatchSpanProcessor}
   * @param expected live components per request
   * @return this assertion, for chaining
   */
  public GrowthResultAssert hasPerRequest(String kind, double expected) {
    isNotNull();
    double measured = actual.perRequest(kind);
    if (Math.abs(measured - expected) > 0.01) {
      failWithMessage("Expected %s %s per request but measured %s", LeakMessage.rate(expected), kind, LeakMessage.rate(measured));
    }
    return this;
  }

  /**
   * Verifies that a culprit site contains {@code text}.
   *
   * @param text part of a site, e.g. {@code "AgentFactory.java:42"}
   * @return this assertion, for chaining
   */
  public GrowthResultAssert hasCulpritContaining(String text) {
    isNotNull();
    if (actual.culprits().stream().noneMatch(site -> site.contains(text))) {
      failWithMessage("Expected a culprit site containing <%s> but the culprits were %s", text, actual.culprits());
    }
    return this;
  }
}
