package com.acme;

import dev.leakgate.junit.LeakCheck;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@LeakCheck
class OrdersTest {

  @Test
  void leavesItsPool() throws Exception {
    Orders.place("book");
  }

  @Test
  void shutsItsPoolDown() throws Exception {
    Orders.place("book").shutdown();
  }

  @Test
  void leavesItsTimer() {
    Orders.remind("ada");
  }

  @Test
  void cancelsItsTimer() {
    Orders.remind("ada").cancel();
  }

  @Test
  void leavesItsThread() {
    Orders.audit("book");
  }

  @Test
  void endsItsThread() throws Exception {
    Thread audit = Orders.audit("pen");
    audit.interrupt();
    audit.join(TimeUnit.SECONDS.toMillis(10));
  }
}
