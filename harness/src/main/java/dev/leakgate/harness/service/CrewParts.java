package dev.leakgate.harness.service;

/** Builds the four parts of one {@code createAgent} call with a variant's telemetry. */
interface CrewParts extends AutoCloseable {
  Agent agent(String agentId);

  Task task(String description);

  Crew crew(Agent agent, Task task);

  LlmClient llmClient();

  /** Called when the call's work ends, whatever happened. */
  @Override
  void close();
}
