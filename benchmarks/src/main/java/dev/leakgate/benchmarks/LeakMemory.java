package dev.leakgate.benchmarks;

import dev.leakgate.agent.registry.Registry;
import dev.leakgate.agent.registry.Snapshot;
import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.Variant;
import dev.leakgate.internal.probe.AgentInstaller;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * How much heap does the agent hold per live component under a real leak, and does it let go of
 * components that are collected? {@code benchmarks/leak-memory.sh} runs this program with and without
 * the agent in alternating pairs and reads the difference.
 *
 * <p>{@code LeakMemory VARIANT REQUESTS}: starts the reference service in this JVM, sends REQUESTS
 * calls to {@code POST /create_agent} one after the other, waits until every call's work has run and
 * the JVM's thread count has been still for a while (shut-down workers end asynchronously), collects
 * fully, and prints one line: {@code heapBytes=... threads=...}, and with the agent also the live
 * components, the created ones and the registry's entries.
 */
public final class LeakMemory {
  private static final Duration WORK_TIMEOUT = Duration.ofMinutes(5);
  /** The thread count must not move for this long before the heap is read. */
  private static final Duration STILL = Duration.ofSeconds(2);

  private LeakMemory() {}

  /** Runs one side; see the class comment. */
  public static void main(String[] args) throws Exception {
    Variant variant = Variant.fromLabel(args[0]);
    int requests = Integer.parseInt(args[1]);
    CreateAgentService service = CreateAgentService.builder().variant(variant).host("127.0.0.1").port(0).start();
    CreateAgentClient client = new CreateAgentClient(service.uri());
    for (int i = 0; i < requests; i++) {
      client.createAgent();
    }
    if (!Settle.until(() -> service.tasksCompleted() >= requests, WORK_TIMEOUT)) {
      throw new IllegalStateException("only " + service.tasksCompleted() + " of " + requests + " calls' work ran within " + WORK_TIMEOUT);
    }
    awaitStillThreadCount();
    long heap = Heap.usedAfterCollections();
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "heapBytes=%d threads=%d",
        heap, ManagementFactory.getThreadMXBean().getThreadCount()));
    if (AgentInstaller.isInstalled()) {
      Snapshot snapshot = Registry.snapshot();
      line.append(" liveComponents=").append(snapshot.totalLive()).append(" createdComponents=").append(snapshot.totalCreated())
          .append(" registryEntries=").append(Registry.entries());
    }
    System.out.println(line);
    System.exit(0); // the leaky variant's workers are owned by nobody; close() cannot stop them
  }

  private static void awaitStillThreadCount() throws InterruptedException {
    long deadline = System.nanoTime() + WORK_TIMEOUT.toNanos();
    int count = ManagementFactory.getThreadMXBean().getThreadCount();
    long stillSince = System.nanoTime();
    while (System.nanoTime() - stillSince < STILL.toNanos()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the thread count kept moving for " + WORK_TIMEOUT);
      }
      Thread.sleep(100);
      int now = ManagementFactory.getThreadMXBean().getThreadCount();
      if (now != count) {
        count = now;
        stillSince = System.nanoTime();
      }
    }
  }
}
