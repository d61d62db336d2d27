package dev.leakgate.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Inlines the advice into one SDK class. Loaded on the first SDK class we track, which is when
 * Byte Buddy gets initialised. Only method bodies change: no new members, no class-format change,
 * so the class can be retransformed later.
 */
final class Weaver {
  private static final ByteBuddy BYTE_BUDDY = new ByteBuddy()
      .with(TypeValidation.DISABLED)
      .with(Implementation.Context.Disabled.Factory.INSTANCE)
      .with(InstrumentedType.Factory.Default.FROZEN)
      .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

  private static final ClassFileLocator ADVICE_LOCATOR = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());

  private static final AsmVisitorWrapper CONSTRUCTORS =
      Advice.to(ConstructorAdvice.class, ADVICE_LOCATOR).on(isConstructor());
  private static final AsmVisitorWrapper SHUTDOWN =
      Advice.to(ShutdownAdvice.class, ADVICE_LOCATOR).on(namedOneOf("shutdown", "close").and(takesArguments(0)).and(not(isAbstract())));
  private static final AsmVisitorWrapper REGISTER =
      Advice.to(OwnerAdvice.class, ADVICE_LOCATOR).on(named("register").and(takesArguments(1)).and(not(isAbstract())));
  private static final AsmVisitorWrapper NEW_THREAD =
      Advice.to(NewThreadAdvice.class, ADVICE_LOCATOR).on(named("newThread").and(takesArguments(1)).and(not(isAbstract())));

  private Weaver() {}

  static byte[] weave(Target target, String binaryName, ClassLoader loader, byte[] bytes) {
    ClassFileLocator locator = new ClassFileLocator.Compound(
        ClassFileLocator.Simple.of(binaryName, bytes),
        loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
    TypePool pool = TypePool.Default.of(locator);
    TypeDescription type = pool.describe(binaryName).resolve();
    DynamicType.Builder<?> builder = BYTE_BUDDY.redefine(type, locator);
    switch (target) {
      case COMPONENT:
        builder = builder.visit(CONSTRUCTORS).visit(SHUTDOWN);
        break;
      case COMPONENT_STARTING_THREADS_ON_REGISTER:
        builder = builder.visit(CONSTRUCTORS).visit(SHUTDOWN).visit(REGISTER);
        break;
      case THREAD_FACTORY:
        builder = builder.visit(NEW_THREAD);
        break;
      default:
        throw new IllegalArgumentException("unknown target " + target);
    }
    return builder.make(pool).getBytes();
  }
}
