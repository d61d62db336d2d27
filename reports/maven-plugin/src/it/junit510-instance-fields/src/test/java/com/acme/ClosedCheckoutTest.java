package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leakgate.junit.LeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@LeakCheck
class ClosedCheckoutTest {
  private final Checkout checkout = new Checkout();

  @AfterEach
  void close() {
    checkout.close();
  }

  @Test
  void addsPrices() {
    assertEquals(5, checkout.total(2, 3));
  }

  @Nested
  class WithDiscount {
    @Test
    void addsNothing() {
      assertEquals(0, checkout.total());
    }
  }
}
