package dev.leakgate.harness.service;

import io.opentelemetry.api.trace.TracerProvider;

/** Parts that share a provider the wiring owns; {@code onClose} runs when the call ends. */
final class TracedCrewParts implements CrewParts {
  private final TracerProvider provider;
  private final Runnable onClose;

  TracedCrewParts(TracerProvider provider, Runnable onClose) {
    this.provider = provider;
    this.onClose = onClose;
  }

  TracedCrewParts(TracerProvider provider) {
    this(provider, () -> {});
  }

  @Override
  public Agent agent(String agentId) {
    return new Agent(agentId, provider.get(Agent.INSTRUMENTATION));
  }

  @Override
  public Task task(String description) {
    return new Task(description, provider.get(Task.INSTRUMENTATION));
  }

  @Override
  public Crew crew(Agent agent, Task task) {
    return new Crew(agent, task, provider.get(Crew.INSTRUMENTATION));
  }

  @Override
  public LlmClient llmClient() {
    return new LlmClient(provider.get(LlmClient.INSTRUMENTATION));
  }

  @Override
  public void close() {
    onClose.run();
  }
}
