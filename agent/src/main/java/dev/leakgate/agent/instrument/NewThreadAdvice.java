package dev.leakgate.agent.instrument;

import dev.leakgate.api.Hooks;
import net.bytebuddy.asm.Advice;

/** Inlined into DaemonThreadFactory.newThread(): links the thread to the component being built or started. */
final class NewThreadAdvice {
  private NewThreadAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.Return Thread thread) {
    Hooks.threadCreated(thread);
  }
}
