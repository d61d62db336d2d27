package dev.leakgate.agent.instrument;

import dev.leakgate.api.Hooks;
import net.bytebuddy.asm.Advice;

/** Inlined into shutdown() and close() of a tracked component. */
final class ShutdownAdvice {
  private ShutdownAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object self) {
    Hooks.shutdown(self);
  }
}
