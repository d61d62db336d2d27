package dev.leakgate.agent.instrument;

/** What the agent weaves into one SDK class. */
enum Target {
  /** Every constructor is recorded, shutdown() and close() mark the instance shut down. */
  COMPONENT,
  /** As COMPONENT, and register() may start threads that belong to the instance. */
  COMPONENT_STARTING_THREADS_ON_REGISTER,
  /** newThread(Runnable) links the new thread to the component being built or started. */
  THREAD_FACTORY
}
