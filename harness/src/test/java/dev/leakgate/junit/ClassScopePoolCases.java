package dev.leakgate.junit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subjects of {@link JdkKindsTest}: a pool built in {@code @BeforeAll}, shut down in {@code @AfterAll} or not. */
final class ClassScopePoolCases {
  private ClassScopePoolCases() {}

  @LeakCheck
  @RunByTestKitOnly
  static class LeavesItsPool {
    static ExecutorService pool;

    @BeforeAll
    static void buildThePool() throws Exception {
      pool = Executors.newFixedThreadPool(1); // CLASS-LEAK
      pool.submit(() -> { }).get();
    }

    @Test
    void usesThePool() throws Exception {
      pool.submit(() -> { }).get();
    }
  }

  @LeakCheck
  @RunByTestKitOnly
  static class ShutsItsPoolDown {
    static ExecutorService pool;

    @BeforeAll
    static void buildThePool() {
      pool = Executors.newFixedThreadPool(1);
    }

    @AfterAll
    static void shutThePoolDown() {
      pool.shutdown();
    }

    @Test
    void usesThePool() throws Exception {
      pool.submit(() -> { }).get();
    }
  }
}
