package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leakgate.junit.LeakCheck;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@LeakCheck
class FixedHandlerTest {

  @Test
  void handlesOnTheSharedPool() throws Exception {
    assertEquals("handled a", FixedHandler.handle("a").get());
    assertEquals("handled b", FixedHandler.handle("b").get());
  }

  @Test
  void handlesFromTheCommonPool() throws Exception {
    assertEquals("handled c", CompletableFuture.supplyAsync(() -> "c").thenCompose(r -> {
      try {
        return CompletableFuture.completedFuture(FixedHandler.handle(r).get());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).get());
    assertEquals(499_500, IntStream.range(0, 1_000).parallel().sum());
  }
}
