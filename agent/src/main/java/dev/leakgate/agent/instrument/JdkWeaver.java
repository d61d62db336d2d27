package dev.leakgate.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the hand-off and run points of the JDK's executors so that tasks carry scopes (see
 * {@code Propagation}). These classes run on hot paths, so the woven code calls the hooks through
 * method handles that the JVM resolves once per class (dynamic constants built from JDK methods
 * only: the system class loader, {@code loadClass}, {@code publicLookup().findStatic}) and then
 * inlines. No branch, no handler, no local is added, so no stack map frame changes; the hooks never throw.
 */
final class JdkWeaver {
  static final String PROPAGATION = "dev.leakgate.agent.registry.Propagation";

  private static final String CB = "java/lang/invoke/ConstantBootstraps";
  private static final Handle INVOKE = new Handle(Opcodes.H_INVOKESTATIC, CB, "invoke",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;)Ljava/lang/Object;",
      false);
  private static final ConstantDynamic SYSTEM_LOADER = new ConstantDynamic("systemLoader", "Ljava/lang/ClassLoader;", INVOKE,
      new Handle(Opcodes.H_INVOKESTATIC, "java/lang/ClassLoader", "getSystemClassLoader", "()Ljava/lang/ClassLoader;", false));
  private static final ConstantDynamic PROPAGATION_CLASS = new ConstantDynamic("propagation", "Ljava/lang/Class;", INVOKE,
      new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/ClassLoader", "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;", false),
      SYSTEM_LOADER, PROPAGATION);
  private static final ConstantDynamic PUBLIC_LOOKUP = new ConstantDynamic("publicLookup", "Ljava/lang/invoke/MethodHandles$Lookup;",
      INVOKE, new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "publicLookup",
          "()Ljava/lang/invoke/MethodHandles$Lookup;", false));
  private static final Handle FIND_STATIC = new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/invoke/MethodHandles$Lookup", "findStatic",
      "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;", false);

  private static final String ONE_ARG = "(Ljava/lang/Object;)V";
  private static final String NO_ARG = "()V";

  private JdkWeaver() {}

  /** The JDK classes woven (internal names); a class this JDK lacks (JDK 25's DelayScheduler on 17) is skipped. */
  static String[] targets() {
    return new String[] {
      "java/util/concurrent/ThreadPoolExecutor",
      "java/util/concurrent/ScheduledThreadPoolExecutor",
      "java/util/concurrent/ForkJoinTask",
      "java/util/concurrent/ForkJoinPool$WorkQueue",
      "java/util/concurrent/ForkJoinWorkerThread",
      "java/util/concurrent/DelayScheduler",
      "java/util/Timer",
      "java/util/TaskQueue"
    };
  }

  static boolean isTarget(String internalName) {
    for (String t : targets()) {
      if (t.equals(internalName)) {
        return true;
      }
    }
    return false;
  }

  /** The woven class file of one of {@link #targets()}. */
  static byte[] weave(String internalName, byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
          return mv;
        }
        return methodWeaving(internalName, name, descriptor, mv);
      }
    }, 0);
    return writer.toByteArray();
  }

  private static MethodVisitor methodWeaving(String owner, String name, String descriptor, MethodVisitor mv) {
    switch (owner + "." + name) {
      // hand-offs: the task carries the scopes open here
      case "java/util/concurrent/ThreadPoolExecutor.execute":
        return descriptor.equals("(Ljava/lang/Runnable;)V") ? new HookAtEntry(mv, 1, "capture") : mv;
      case "java/util/concurrent/ScheduledThreadPoolExecutor.delayedExecute":
      case "java/util/concurrent/ScheduledThreadPoolExecutor.reExecutePeriodic": // on the worker, in the task's scopes
      case "java/util/concurrent/DelayScheduler.pend": // JDK 25: ForkJoinPool.schedule, and a periodic task's next run
        return new HookAtEntry(mv, 1, "capture");
      case "java/util/Timer.sched": // (TimerTask task, long time, long period)
        return descriptor.equals("(Ljava/util/TimerTask;JJ)V") ? new CaptureTimerTask(mv) : mv;
      case "java/util/concurrent/ForkJoinPool$WorkQueue.push": // fork(), and every submission to a ForkJoinPool
      case "java/util/concurrent/ForkJoinPool$WorkQueue.lockedPush": // JDK 17's external submissions
        return descriptor.startsWith("(Ljava/util/concurrent/ForkJoinTask;") ? new HookAtEntry(mv, 1, "capture") : mv;
      case "java/util/concurrent/ThreadPoolExecutor.reject":
        return new HookAtEntry(mv, 1, "forget");
      case "java/util/concurrent/ThreadPoolExecutor.remove": // also a cancelled scheduled task with removeOnCancel
        return descriptor.equals("(Ljava/lang/Runnable;)Z") ? new HookAtEntry(mv, 1, "forget") : mv;
      case "java/util/concurrent/ThreadPoolExecutor.shutdownNow": // the tasks it drained never run
        return new ReturnedValueToHook(mv, "forgetAll");
      // where tasks run
      case "java/util/concurrent/ThreadPoolExecutor.beforeExecute":
        return new HookAtEntry(mv, 2, "enterTask");
      case "java/util/concurrent/ThreadPoolExecutor.afterExecute":
        return new NoArgHookAtEntry(mv, "leaveTask");
      case "java/util/concurrent/ForkJoinTask.doExec":
        return new RunSelf(mv);
      case "java/util/TaskQueue.removeMin":
        return new EnterTimerTask(mv, "enterTask");
      case "java/util/TaskQueue.rescheduleMin":
        return new EnterTimerTask(mv, "enterPeriodicTask");
      // threads that only run tasks start (and a timer's thread goes back to waiting) in no scope
      case "java/util/concurrent/ThreadPoolExecutor.runWorker":
      case "java/util/concurrent/ForkJoinWorkerThread.run":
      case "java/util/concurrent/DelayScheduler.run":
      case "java/util/TaskQueue.isEmpty": // the timer's loop asks it before each wait
        return new NoArgHookAtEntry(mv, "leaveTask");
      default:
        return mv;
    }
  }

  /** Base of the weavings: calls to the hooks, and room on the stack for them. */
  private abstract static class Weaving extends MethodVisitor {
    Weaving(MethodVisitor mv) {
      super(Opcodes.ASM9, mv);
    }

    /** Calls hook(value) where the value is on top of the stack, which it consumes. */
    final void callWithTop(String hook) {
      super.visitLdcInsn(hook(hook, ONE_ARG));
      super.visitInsn(Opcodes.SWAP);
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", ONE_ARG, false);
    }

    /** Calls the hook that takes no argument. */
    final void callNoArg(String hook) {
      super.visitLdcInsn(hook(hook, NO_ARG));
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", NO_ARG, false);
    }

    final void loadLocal(int slot) {
      super.visitVarInsn(Opcodes.ALOAD, slot);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(maxStack + 2, maxLocals);
    }
  }

  /** The hook {@code name} of Propagation as a method handle constant resolved once per class. */
  private static ConstantDynamic hook(String name, String descriptor) {
    return new ConstantDynamic(name, "Ljava/lang/invoke/MethodHandle;", INVOKE,
        FIND_STATIC, PUBLIC_LOOKUP, PROPAGATION_CLASS, name, Type.getMethodType(descriptor));
  }

  /**
   * Calls a hook with argument {@code slot} at the method's entry: a hand-off method (the task
   * captures the scopes open here), or ThreadPoolExecutor.beforeExecute, called once per task on the
   * worker (the task brings its scopes; a subclass that overrides it without calling super is not followed).
   */
  private static final class HookAtEntry extends Weaving {
    private final int slot;
    private final String hook;

    HookAtEntry(MethodVisitor mv, int slot, String hook) {
      super(mv);
      this.slot = slot;
      this.hook = hook;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      loadLocal(slot);
      callWithTop(hook);
    }
  }

  /** Timer.sched(task, time, period): the task carries the scopes open here; a periodic one is nobody's work in flight. */
  private static final class CaptureTimerTask extends Weaving {
    CaptureTimerTask(MethodVisitor mv) {
      super(mv);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      super.visitLdcInsn(hook("captureTimerTask", "(Ljava/lang/Object;JJ)V"));
      loadLocal(1);
      super.visitVarInsn(Opcodes.LLOAD, 2);
      super.visitVarInsn(Opcodes.LLOAD, 4);
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", "(Ljava/lang/Object;JJ)V", false);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(maxStack + 4, maxLocals); // the handle, the task and two longs: 6 slots over the base's 2
    }
  }

  /** Calls a hook with the value a method returns, at each of its returns. */
  private static final class ReturnedValueToHook extends Weaving {
    private final String hook;

    ReturnedValueToHook(MethodVisitor mv, String hook) {
      super(mv);
      this.hook = hook;
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.ARETURN) {
        super.visitInsn(Opcodes.DUP);
        callWithTop(hook);
      }
      super.visitInsn(opcode);
    }
  }

  /** Calls a hook that takes no argument at the method's entry. */
  private static final class NoArgHookAtEntry extends Weaving {
    private final String hook;

    NoArgHookAtEntry(MethodVisitor mv, String hook) {
      super(mv);
      this.hook = hook;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      callNoArg(hook);
    }
  }

  /**
   * ForkJoinTask.doExec: the scopes the task carries are current while it runs, however it is run
   * (pool, join, invoke); a task that carries none runs in the scope current where it runs.
   */
  private static final class RunSelf extends Weaving {
    RunSelf(MethodVisitor mv) {
      super(mv);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      loadLocal(0);
      callWithTop("beforeTask");
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        loadLocal(0);
        callWithTop("afterTask");
      }
      super.visitInsn(opcode);
    }
  }

  /**
   * TaskQueue.removeMin and rescheduleMin: the timer's thread calls one of them for each task just
   * before it runs it (the task is the queue's head), so the task's scopes become current there.
   */
  private static final class EnterTimerTask extends Weaving {
    private final String hook;

    EnterTimerTask(MethodVisitor mv, String hook) {
      super(mv);
      this.hook = hook;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      loadLocal(0);
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/TaskQueue", "getMin", "()Ljava/util/TimerTask;", false);
      callWithTop(hook);
    }
  }
}
