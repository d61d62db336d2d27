package dev.leakgate.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadRoleTest {

  @Test
  void processorWorkersAreToldApartByKind() {
    assertThat(ThreadRole.processorKind("BatchSpanProcessor_WorkerThread-1")).hasValue("BatchSpanProcessor");
    assertThat(ThreadRole.processorKind("BatchLogRecordProcessor_WorkerThread-1")).hasValue("BatchLogRecordProcessor");
    assertThat(ThreadRole.processorKind("PeriodicMetricReader-1")).hasValue("PeriodicMetricReader");
    assertThat(ThreadRole.processorKind("create-agent-1")).isEmpty();
  }

  @Test
  void everyThreadGetsOneRole() {
    assertThat(ThreadRole.of("BatchSpanProcessor_WorkerThread-1")).isEqualTo(ThreadRole.PROCESSOR_WORKER);
    assertThat(ThreadRole.of("create-agent-3")).isEqualTo(ThreadRole.AGENT_POOL);
    assertThat(ThreadRole.of("http-server-42")).isEqualTo(ThreadRole.SERVER_POOL);
    assertThat(ThreadRole.of("Scheduler-1234")).isEqualTo(ThreadRole.SERVER_POOL);
    assertThat(ThreadRole.of("main")).isEqualTo(ThreadRole.JVM);
    assertThat(ThreadRole.of("Reference Handler")).isEqualTo(ThreadRole.JVM);
  }
}
