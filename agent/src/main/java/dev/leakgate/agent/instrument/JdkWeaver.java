package dev.leakgate.agent.instrument;

import dev.leakgate.agent.registry.Kind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the hand-off and run points of the JDK's executors so that tasks carry scopes (see
 * {@code Propagation}), and the JDK's thread-owning classes as their rows of {@code Kind} say: where
 * an instance is created, the methods that shut it down, the constructors that hand a thread to its
 * owner (see {@code JdkHooks}). These classes run on hot paths, so the woven code calls the hooks through
 * method handles that the JVM resolves once per class (dynamic constants built from JDK methods
 * only: the system class loader, {@code loadClass}, {@code publicLookup().findStatic}) and then
 * inlines. No branch, no handler, no local is added, so no stack map frame changes; the hooks never throw.
 */
final class JdkWeaver {
  static final String PROPAGATION = "dev.leakgate.agent.registry.Propagation";
  static final String JDK_HOOKS = "dev.leakgate.agent.registry.JdkHooks";

  private static final String CB = "java/lang/invoke/ConstantBootstraps";
  private static final Handle INVOKE = new Handle(Opcodes.H_INVOKESTATIC, CB, "invoke",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;)Ljava/lang/Object;",
      false);
  private static final ConstantDynamic SYSTEM_LOADER = new ConstantDynamic("systemLoader", "Ljava/lang/ClassLoader;", INVOKE,
      new Handle(Opcodes.H_INVOKESTATIC, "java/lang/ClassLoader", "getSystemClassLoader", "()Ljava/lang/ClassLoader;", false));
  private static final ConstantDynamic PROPAGATION_CLASS = hookClass("propagation", PROPAGATION);
  private static final ConstantDynamic JDK_HOOKS_CLASS = hookClass("jdkHooks", JDK_HOOKS);
  private static final ConstantDynamic PUBLIC_LOOKUP = new ConstantDynamic("publicLookup", "Ljava/lang/invoke/MethodHandles$Lookup;",
      INVOKE, new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "publicLookup",
          "()Ljava/lang/invoke/MethodHandles$Lookup;", false));
  private static final Handle FIND_STATIC = new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/invoke/MethodHandles$Lookup", "findStatic",
      "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;", false);

  private static final String ONE_ARG = "(Ljava/lang/Object;)V";
  private static final String TWO_ARGS = "(Ljava/lang/Object;Ljava/lang/Object;)V";
  private static final String NO_ARG = "()V";
  /** Every class woven: for propagation, and the JDK's thread-owning classes with their thread links (Kind's JDK rows). */
  private static final Set<String> TARGETS = new HashSet<>(Kind.jdkClasses());

  static {
    TARGETS.addAll(List.of(
      "java/util/concurrent/ThreadPoolExecutor",
      "java/util/concurrent/ScheduledThreadPoolExecutor",
      "java/util/concurrent/ForkJoinTask",
      "java/util/concurrent/ForkJoinPool$WorkQueue",
      "java/util/concurrent/ForkJoinWorkerThread",
      "java/util/concurrent/DelayScheduler",
      "java/util/Timer",
      "java/util/TaskQueue"));
  }

  private JdkWeaver() {}

  /** Whether the JDK class {@code internalName} is woven; a class this JDK lacks (JDK 25's DelayScheduler on 17) never loads. */
  static boolean isTarget(String internalName) {
    return TARGETS.contains(internalName);
  }

  /** The woven class file of a class {@link #isTarget} accepts. */
  static byte[] weave(String internalName, byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    Kind kind = Kind.ofJdkClass(internalName);
    Kind.ThreadLink link = Kind.linkIn(internalName);
    Shape shape = kind == null && link == null ? null : Shape.of(reader);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
          return mv;
        }
        mv = methodWeaving(internalName, name, descriptor, mv);
        if (shape != null && (access & Opcodes.ACC_STATIC) == 0) {
          mv = kindWeaving(internalName, kind, link, shape, name, descriptor, mv);
        }
        return mv;
      }
    }, 0);
    return writer.toByteArray();
  }

  /**
   * The weaving of a method of a thread-owning class, from its kind's row: an instance is created when
   * a constructor returns (not one that delegates to another: that one returns later), or at entry to
   * a creating method (a thread's start); a shutdown method reports at entry; a thread link's
   * constructor hands over the thread when it returns.
   */
  private static MethodVisitor kindWeaving(String owner, Kind kind, Kind.ThreadLink link, Shape shape, String name,
      String descriptor, MethodVisitor mv) {
    if (name.equals("<init>")) {
      if (shape.delegating.contains(descriptor)) {
        return mv;
      }
      boolean created = kind != null && kind.createdAt().isEmpty();
      return created || link != null ? new AtConstructorReturn(mv, owner, created ? kind.name() : null, link, shape) : mv;
    }
    if (kind == null) {
      return mv;
    }
    if (kind.createdAt().contains(name)) {
      return new HookAtEntry(mv, 0, JDK_HOOKS_CLASS, "starting");
    }
    if (kind.shutdownMethods().contains(name) && descriptor.startsWith("()")) {
      return new HookAtEntry(mv, 0, JDK_HOOKS_CLASS, "shutdown");
    }
    return mv;
  }

  /** What the kind weaving needs to know of a class first: its fields, and its constructors that delegate to another. */
  private static final class Shape {
    final Map<String, String> fields = new HashMap<>();
    final Set<String> delegating = new HashSet<>();

    static Shape of(ClassReader reader) {
      Shape shape = new Shape();
      String self = reader.getClassName();
      reader.accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
          shape.fields.put(name, descriptor);
          return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
          if (!name.equals("<init>")) {
            return null;
          }
          return new MethodVisitor(Opcodes.ASM9) {
            private int pendingNews;
            private boolean decided;

            @Override
            public void visitTypeInsn(int opcode, String type) {
              if (opcode == Opcodes.NEW) {
                pendingNews++;
              }
            }

            @Override
            public void visitMethodInsn(int opcode, String methodOwner, String method, String desc, boolean isInterface) {
              if (decided || opcode != Opcodes.INVOKESPECIAL || !method.equals("<init>")) {
                return;
              }
              if (pendingNews > 0) {
                pendingNews--; // an object built for an argument of the super or this call
              } else {
                decided = true;
                if (methodOwner.equals(self)) {
                  shape.delegating.add(descriptor);
                }
              }
            }
          };
        }
      }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return shape;
    }
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
      callWithTop(PROPAGATION_CLASS, hook);
    }

    /** Calls the hook {@code hook} of the class {@code hooks} with the value on top of the stack. */
    final void callWithTop(ConstantDynamic hooks, String hook) {
      super.visitLdcInsn(hook(hooks, hook, ONE_ARG));
      super.visitInsn(Opcodes.SWAP);
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", ONE_ARG, false);
    }

    /** Calls the hook that takes no argument. */
    final void callNoArg(String hook) {
      super.visitLdcInsn(hook(PROPAGATION_CLASS, hook, NO_ARG));
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", NO_ARG, false);
    }

    final void loadLocal(int slot) {
      super.visitVarInsn(Opcodes.ALOAD, slot);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(maxStack + 3, maxLocals);
    }
  }

  /** The hook {@code name} of the class {@code hooks} as a method handle constant resolved once per class. */
  private static ConstantDynamic hook(ConstantDynamic hooks, String name, String descriptor) {
    return new ConstantDynamic(name, "Ljava/lang/invoke/MethodHandle;", INVOKE,
        FIND_STATIC, PUBLIC_LOOKUP, hooks, name, Type.getMethodType(descriptor));
  }

  /** A class of the agent, loaded by the system class loader, as a dynamic constant. */
  private static ConstantDynamic hookClass(String name, String binaryName) {
    return new ConstantDynamic(name, "Ljava/lang/Class;", INVOKE,
        new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/ClassLoader", "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;", false),
        SYSTEM_LOADER, binaryName);
  }

  /**
   * Calls a hook with argument {@code slot} at the method's entry: a hand-off method (the task
   * captures the scopes open here), or ThreadPoolExecutor.beforeExecute, called once per task on the
   * worker (the task brings its scopes; a subclass that overrides it without calling super is not followed).
   */
  private static final class HookAtEntry extends Weaving {
    private final int slot;
    private final ConstantDynamic hooks;
    private final String hook;

    HookAtEntry(MethodVisitor mv, int slot, String hook) {
      this(mv, slot, PROPAGATION_CLASS, hook);
    }

    HookAtEntry(MethodVisitor mv, int slot, ConstantDynamic hooks, String hook) {
      super(mv);
      this.slot = slot;
      this.hooks = hooks;
      this.hook = hook;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      loadLocal(slot);
      callWithTop(hooks, hook);
    }
  }

  /**
   * A constructor of a thread-owning class, before each return: the instance is created (its kind's
   * name and {@code this}), then the thread link hands the thread to its owner (each {@code this} or
   * one of its fields). Nothing is added on the way out of a constructor that throws.
   */
  private static final class AtConstructorReturn extends Weaving {
    private final String owner;
    private final String kindName;
    private final Kind.ThreadLink link;
    private final Shape shape;

    AtConstructorReturn(MethodVisitor mv, String owner, String kindName, Kind.ThreadLink link, Shape shape) {
      super(mv);
      this.owner = owner;
      this.kindName = kindName;
      this.link = link;
      this.shape = shape;
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.RETURN) {
        if (kindName != null) {
          super.visitLdcInsn(hook(JDK_HOOKS_CLASS, "created", TWO_ARGS));
          super.visitLdcInsn(kindName);
          loadLocal(0);
          invokeExact(TWO_ARGS);
        }
        if (link != null && isReadable(link.ownerField()) && isReadable(link.threadField())) {
          super.visitLdcInsn(hook(JDK_HOOKS_CLASS, "linked", TWO_ARGS));
          loadThisOrField(link.ownerField());
          loadThisOrField(link.threadField());
          invokeExact(TWO_ARGS);
        }
      }
      super.visitInsn(opcode);
    }

    /** A link field this JDK's class lacks leaves the link out (its threads then count as threads of their own). */
    private boolean isReadable(String field) {
      return field == null || shape.fields.containsKey(field);
    }

    private void loadThisOrField(String field) {
      loadLocal(0);
      if (field != null) {
        super.visitFieldInsn(Opcodes.GETFIELD, owner, field, shape.fields.get(field));
      }
    }

    private void invokeExact(String descriptor) {
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", descriptor, false);
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
      super.visitLdcInsn(hook(PROPAGATION_CLASS, "captureTimerTask", "(Ljava/lang/Object;JJ)V"));
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
