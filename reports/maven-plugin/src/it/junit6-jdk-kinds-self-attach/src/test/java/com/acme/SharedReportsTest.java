package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leakgate.junit.LeakCheck;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@LeakCheck
class SharedReportsTest {

  @Test
  void rendersOnTheSharedPool() throws Exception {
    assertEquals("rendered q5", Reports.renderShared("q5"));
  }

  @Test
  void rendersOnTheCommonPool() throws Exception {
    assertEquals("rendered q6", CompletableFuture.supplyAsync(() -> "rendered q6").get());
  }

  @Test
  @Timeout(30)
  void rendersUnderATimeout() throws Exception {
    assertEquals("rendered q7", Reports.renderShared("q7"));
  }
}
