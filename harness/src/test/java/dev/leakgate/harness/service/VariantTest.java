package dev.leakgate.harness.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VariantTest {

  @Test
  void labelsAreTheCommandLineNames() {
    assertThat(Variant.allowedLabels()).isEqualTo("leaky, fixed, racy, per-thread, churn");
    assertThat(Variant.fromLabel("per-thread")).isEqualTo(Variant.PER_THREAD);
    assertThat(Variant.fromLabel(" Leaky ")).isEqualTo(Variant.LEAKY);
  }

  @Test
  void unknownLabelNamesTheAllowedOnes() {
    assertThatThrownBy(() -> Variant.fromLabel("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown variant 'x' (allowed: leaky, fixed, racy, per-thread, churn)");
  }
}
