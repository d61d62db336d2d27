package dev.leakgate.agent.instrument;

import dev.leakgate.api.Hooks;
import net.bytebuddy.asm.Advice;

/** Inlined into every constructor of a tracked component: records it with its creating line. */
final class ConstructorAdvice {
  private ConstructorAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static void enter(@Advice.Origin("#t") String type) {
    Hooks.constructing(type);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  static void exit(@Advice.This Object self, @Advice.Origin("#t") String type) {
    Hooks.constructed(type, self);
  }
}
