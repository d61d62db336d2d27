package com.acme;


import dev.leakgate.junit.LeakCheck;
import org.junit.jupiter.api.Test;

@LeakCheck
class ReportsTest {

  @Test
  void leavesItsForkJoinPool() throws Exception {
    Reports.render("q1");
  }

  @Test
  void shutsItsForkJoinPoolDown() throws Exception {
    Reports.render("q2").shutdown();
  }

  @Test
  void leavesItsScheduler() throws Exception {
    Reports.refresh("q3");
  }

  @Test
  void shutsItsSchedulerDown() throws Exception {
    Reports.refresh("q4").shutdownNow();
  }
}
