package dev.leakgate.agent.instrument;

import dev.leakgate.api.Hooks;
import net.bytebuddy.asm.Advice;

/** Inlined into PeriodicMetricReader.register(): threads started inside belong to this reader. */
final class OwnerAdvice {
  private OwnerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.This Object self) {
    Hooks.enterOwner(self);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  static void exit() {
    Hooks.exitOwner();
  }
}
