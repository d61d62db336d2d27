package dev.leakgate.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inlines Byte Buddy advice into one SDK class. Loaded on the first SDK class we track, which is
 * when Byte Buddy gets initialised. The advice drives a plain ASM reader and writer: Byte Buddy's
 * type-writer pipeline ({@code ByteBuddy.redefine}) would add ~150 classes to that one-time cost
 * and nothing we need. Only method bodies change — no new members, no class-format change — so
 * the class can be retransformed later.
 */
final class Weaver {
  private static final ClassFileLocator ADVICE_LOCATOR = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());

  private static final AsmVisitorWrapper CONSTRUCTORS =
      Advice.to(ConstructorAdvice.class, ADVICE_LOCATOR).on(isConstructor());
  private static final AsmVisitorWrapper SHUTDOWN =
      Advice.to(ShutdownAdvice.class, ADVICE_LOCATOR).on(namedOneOf("shutdown", "close").and(takesArguments(0)).and(not(isAbstract())));
  private static final AsmVisitorWrapper REGISTER =
      Advice.to(OwnerAdvice.class, ADVICE_LOCATOR).on(named("register").and(takesArguments(1)).and(not(isAbstract())));
  private static final AsmVisitorWrapper NEW_THREAD =
      Advice.to(NewThreadAdvice.class, ADVICE_LOCATOR).on(named("newThread").and(takesArguments(1)).and(not(isAbstract())));

  private static final AsmVisitorWrapper COMPONENT = new AsmVisitorWrapper.Compound(CONSTRUCTORS, SHUTDOWN);
  private static final AsmVisitorWrapper COMPONENT_STARTING_THREADS = new AsmVisitorWrapper.Compound(CONSTRUCTORS, SHUTDOWN, REGISTER);

  private Weaver() {}

  static byte[] weave(Target target, String binaryName, ClassLoader loader, byte[] bytes) {
    ClassFileLocator locator = new ClassFileLocator.Compound(
        ClassFileLocator.Simple.of(binaryName, bytes),
        loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
    TypePool pool = TypePool.Default.of(locator);
    TypeDescription type = pool.describe(binaryName).resolve();
    AsmVisitorWrapper wrapper = wrapper(target);

    int readerFlags = wrapper.mergeReader(AsmVisitorWrapper.NO_FLAGS);
    int writerFlags = wrapper.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
    ClassReader reader = OpenedClassReader.of(bytes);
    // sharing the reader's constant pool keeps unchanged methods byte-for-byte; no frames are computed
    // here (that would load classes from inside a transformer): the advice writes its own frames
    ClassWriter writer = new ClassWriter(reader, writerFlags);
    ClassFileVersion version = ClassFileVersion.ofClassFile(bytes);
    Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE
        .make(type, null, TypeInitializer.None.INSTANCE, version, version);
    List<MethodDescription> methods = new ArrayList<>(type.getDeclaredMethods());
    methods.add(new MethodDescription.Latent.TypeInitializer(type));
    ClassVisitor visitor = wrapper.wrap(type, writer, context, pool, type.getDeclaredFields(),
        new MethodList.Explicit<>(methods), writerFlags, readerFlags);
    reader.accept(visitor, readerFlags);
    return writer.toByteArray();
  }

  private static AsmVisitorWrapper wrapper(Target target) {
    switch (target) {
      case COMPONENT:
        return COMPONENT;
      case COMPONENT_STARTING_THREADS_ON_REGISTER:
        return COMPONENT_STARTING_THREADS;
      case THREAD_FACTORY:
        return NEW_THREAD;
      default:
        throw new IllegalArgumentException("unknown target " + target);
    }
  }
}
