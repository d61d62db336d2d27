package dev.leakgate.agent.instrument;

import dev.leakgate.agent.registry.Hooks;
import dev.leakgate.agent.registry.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves calls to {@link Hooks} into one SDK class with plain ASM visitors. Only method bodies change
 * (no new members, so the class stays retransformable). The woven code names JDK types only: it finds
 * Hooks in the system class loader by name, so it runs whatever loader holds the SDK. Each call is
 * wrapped in a catch of Throwable, so nothing it does can throw into the host.
 */
final class Weaver {
  private static final String THROWABLE = "java/lang/Throwable";
  /** A hook's value: null. */
  private static final int NULL_VALUE = -1;
  /** A hook's value: {@code this}. */
  private static final int THIS_VALUE = 0;

  private Weaver() {}

  /** The woven class file of {@code kind}'s class, or of the SDK's thread factory when {@code kind} is null. */
  static byte[] weave(Kind kind, byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    Map<String, Integer> maxLocals = maxLocals(reader);
    // sharing the reader's constant pool keeps the methods left alone byte for byte; no frames are
    // computed (that would load classes from inside a transformer): the woven code declares its own,
    // and expanded frames let it put them between the original ones
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassWeaving(writer, kind, maxLocals), ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  /** maxLocals of every method with code, by name + descriptor: the first free local slot. */
  private static Map<String, Integer> maxLocals(ClassReader reader) {
    Map<String, Integer> out = new HashMap<>();
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        String key = name + descriptor;
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMaxs(int maxStack, int maxLocalSlots) {
            out.put(key, maxLocalSlots);
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return out;
  }

  /** The hooks woven code calls, named as the public fields of {@link Hooks}. */
  private enum Hook {
    CONSTRUCTING, CONSTRUCTED, CONSTRUCTION_FAILED, SHUTDOWN, ENTER_OWNER, EXIT_OWNER, THREAD_CREATED
  }

  /** Picks the weaving of each method of the class, from its kind's row. */
  private static final class ClassWeaving extends ClassVisitor {
    private final Kind kind;
    private final String kindName;
    private final Map<String, Integer> maxLocals;
    private String owner;

    ClassWeaving(ClassVisitor next, Kind kind, Map<String, Integer> maxLocals) {
      super(Opcodes.ASM9, next);
      this.kind = kind;
      this.kindName = kind == null ? null : kind.name();
      this.maxLocals = maxLocals;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      owner = name;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_STATIC)) != 0) {
        return mv;
      }
      int spare = maxLocals.getOrDefault(name + descriptor, 0);
      if (kind == null) {
        return name.equals("newThread") && descriptor.equals("(Ljava/lang/Runnable;)Ljava/lang/Thread;")
            ? new NewThreadWeaving(mv, owner, descriptor, spare)
            : mv;
      }
      if (name.equals("<init>")) {
        return new ConstructorWeaving(mv, owner, descriptor, kindName, spare);
      }
      if (kind.shutdownMethods().contains(name) && descriptor.startsWith("()")) {
        return new ShutdownWeaving(mv, owner, descriptor, kindName);
      }
      if (kind.ownerMethods().contains(name) && Type.getArgumentTypes(descriptor).length == 1) {
        return new OwnerWeaving(mv, owner, descriptor, kindName, spare);
      }
      return mv;
    }
  }

  /**
   * What every woven method shares: guarded hook calls, and the original exception table kept after
   * the guards (so a guard, not an original handler, catches what a hook throws) and before any
   * outermost catch-all the weaving adds.
   */
  private abstract static class Weaving extends MethodVisitor {
    final String owner;
    final String descriptor;
    final String kindName;
    private final List<Object[]> originalHandlers = new ArrayList<>();
    private final List<Object[]> outerHandlers = new ArrayList<>();
    private int localsNeeded;

    Weaving(MethodVisitor mv, String owner, String descriptor, String kindName) {
      super(Opcodes.ASM9, mv);
      this.owner = owner;
      this.descriptor = descriptor;
      this.kindName = kindName;
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      originalHandlers.add(new Object[] {start, end, handler, type});
    }

    /** Called at the end of the code, before the exception table is written; may add code. */
    void beforeEnd() {}

    @Override
    public void visitMaxs(int maxStack, int maxLocalSlots) {
      beforeEnd();
      for (Object[] h : originalHandlers) {
        super.visitTryCatchBlock((Label) h[0], (Label) h[1], (Label) h[2], (String) h[3]);
      }
      for (Object[] h : outerHandlers) {
        super.visitTryCatchBlock((Label) h[0], (Label) h[1], (Label) h[2], (String) h[3]);
      }
      // a hook call needs four stack slots beyond what the method needs where it is woven
      super.visitMaxs(maxStack + 4, Math.max(maxLocalSlots, localsNeeded));
    }

    /**
     * Calls {@code hook} with (kind name, value) inside a catch of Throwable; {@code valueSlot} is
     * {@link #NULL_VALUE} or the local holding the value. The operand stack must be empty here;
     * {@code locals} describes what the code after this point relies on (a frame may name fewer
     * locals than are live: the others are unusable until the next original frame).
     */
    final void callHook(Hook hook, String kind, int valueSlot, Object[] locals) {
      Label start = new Label();
      Label end = new Label();
      Label handler = new Label();
      Label after = new Label();
      super.visitTryCatchBlock(start, end, handler, THROWABLE);
      super.visitLabel(start);
      super.visitLdcInsn(Hooks.CLASS_NAME);
      super.visitInsn(Opcodes.ICONST_1);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/ClassLoader", "getSystemClassLoader",
          "()Ljava/lang/ClassLoader;", false);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
          "(Ljava/lang/String;ZLjava/lang/ClassLoader;)Ljava/lang/Class;", false);
      super.visitLdcInsn(hook.name());
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Class", "getField",
          "(Ljava/lang/String;)Ljava/lang/reflect/Field;", false);
      super.visitInsn(Opcodes.ACONST_NULL);
      super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/reflect/Field", "get",
          "(Ljava/lang/Object;)Ljava/lang/Object;", false);
      super.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/BiConsumer");
      if (kind == null) {
        super.visitInsn(Opcodes.ACONST_NULL);
      } else {
        super.visitLdcInsn(kind);
      }
      if (valueSlot == NULL_VALUE) {
        super.visitInsn(Opcodes.ACONST_NULL);
      } else {
        super.visitVarInsn(Opcodes.ALOAD, valueSlot);
      }
      super.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/BiConsumer", "accept",
          "(Ljava/lang/Object;Ljava/lang/Object;)V", true);
      super.visitLabel(end);
      super.visitJumpInsn(Opcodes.GOTO, after);
      super.visitLabel(handler);
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {THROWABLE});
      super.visitInsn(Opcodes.POP);
      super.visitLabel(after);
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
      super.visitInsn(Opcodes.NOP); // an original frame may follow at once: two frames need an instruction between
    }

    /**
     * Ends the code with a catch-all over [{@code from}, here) that calls {@code hook} and rethrows:
     * outermost, so every original handler sees its exceptions first.
     */
    final void rethrowAfterHook(Label from, Hook hook, int spare) {
      Label to = new Label();
      Label handler = new Label();
      super.visitLabel(to);
      outerHandlers.add(new Object[] {from, to, handler, THROWABLE});
      super.visitLabel(handler);
      Object[] thisOnly = thisOnly();
      super.visitFrame(Opcodes.F_NEW, thisOnly.length, thisOnly, 1, new Object[] {THROWABLE});
      super.visitVarInsn(Opcodes.ASTORE, spare);
      Object[] withThrowable = thisAnd(spare, THROWABLE);
      callHook(hook, kindName, NULL_VALUE, withThrowable);
      super.visitVarInsn(Opcodes.ALOAD, spare);
      super.visitInsn(Opcodes.ATHROW);
    }

    /** The locals at method entry, from the descriptor, {@code self} in slot 0. */
    final Object[] entryLocals(Object self) {
      List<Object> out = new ArrayList<>();
      out.add(self);
      for (Type t : Type.getArgumentTypes(descriptor)) {
        out.add(frameType(t));
      }
      return out.toArray();
    }

    /** Only {@code this}, initialised: enough for code that touches nothing else. */
    final Object[] thisOnly() {
      return new Object[] {owner};
    }

    /** {@code this}, nothing usable up to {@code slot}, and a value of {@code type} there. */
    final Object[] thisAnd(int slot, String type) {
      localsNeeded = Math.max(localsNeeded, slot + 1);
      Object[] out = new Object[slot + 1];
      out[0] = owner;
      for (int i = 1; i < slot; i++) {
        out[i] = Opcodes.TOP;
      }
      out[slot] = type;
      return out;
    }

    private static Object frameType(Type t) {
      switch (t.getSort()) {
        case Type.BOOLEAN:
        case Type.CHAR:
        case Type.BYTE:
        case Type.SHORT:
        case Type.INT:
          return Opcodes.INTEGER;
        case Type.FLOAT:
          return Opcodes.FLOAT;
        case Type.LONG:
          return Opcodes.LONG;
        case Type.DOUBLE:
          return Opcodes.DOUBLE;
        case Type.ARRAY:
          return t.getDescriptor();
        default:
          return t.getInternalName();
      }
    }
  }

  /** A shutdown method (shutdown(), close()): reported at entry. */
  private static final class ShutdownWeaving extends Weaving {
    ShutdownWeaving(MethodVisitor mv, String owner, String descriptor, String kindName) {
      super(mv, owner, descriptor, kindName);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      callHook(Hook.SHUTDOWN, kindName, THIS_VALUE, entryLocals(owner));
    }
  }

  /**
   * A constructor: CONSTRUCTING at entry (before the super call, so threads made anywhere in it are
   * linked), CONSTRUCTED before each return, CONSTRUCTION_FAILED when the body after the super call
   * throws (the exception then goes on unchanged).
   */
  private static final class ConstructorWeaving extends Weaving {
    private final int spare;
    private final Label bodyStart = new Label();
    private int pendingNews;
    private boolean superCalled;

    ConstructorWeaving(MethodVisitor mv, String owner, String descriptor, String kindName, int spare) {
      super(mv, owner, descriptor, kindName);
      this.spare = spare;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      callHook(Hook.CONSTRUCTING, kindName, NULL_VALUE, entryLocals(Opcodes.UNINITIALIZED_THIS));
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      if (opcode == Opcodes.NEW) {
        pendingNews++;
      }
      super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitMethodInsn(int opcode, String methodOwner, String name, String desc, boolean isInterface) {
      super.visitMethodInsn(opcode, methodOwner, name, desc, isInterface);
      if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && !superCalled) {
        if (pendingNews > 0) {
          pendingNews--; // an object built for an argument of the super call
        } else {
          superCalled = true;
          super.visitLabel(bodyStart);
        }
      }
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.RETURN && superCalled) {
        callHook(Hook.CONSTRUCTED, kindName, THIS_VALUE, thisOnly());
      }
      super.visitInsn(opcode);
    }

    @Override
    void beforeEnd() {
      if (superCalled) {
        rethrowAfterHook(bodyStart, Hook.CONSTRUCTION_FAILED, spare);
      }
    }
  }

  /** An owner method (PeriodicMetricReader.register): threads started inside belong to this component, however it ends. */
  private static final class OwnerWeaving extends Weaving {
    private final int spare;
    private final Label bodyStart = new Label();

    OwnerWeaving(MethodVisitor mv, String owner, String descriptor, String kindName, int spare) {
      super(mv, owner, descriptor, kindName);
      this.spare = spare;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      callHook(Hook.ENTER_OWNER, kindName, THIS_VALUE, entryLocals(owner));
      super.visitLabel(bodyStart);
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.RETURN) {
        callHook(Hook.EXIT_OWNER, kindName, NULL_VALUE, thisOnly());
      }
      super.visitInsn(opcode);
    }

    @Override
    void beforeEnd() {
      rethrowAfterHook(bodyStart, Hook.EXIT_OWNER, spare);
    }
  }

  /** DaemonThreadFactory.newThread: the thread it returns is linked to the component being built or started. */
  private static final class NewThreadWeaving extends Weaving {
    private final int spare;

    NewThreadWeaving(MethodVisitor mv, String owner, String descriptor, int spare) {
      super(mv, owner, descriptor, null);
      this.spare = spare;
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.ARETURN) {
        super.visitVarInsn(Opcodes.ASTORE, spare);
        callHook(Hook.THREAD_CREATED, null, spare, thisAnd(spare, "java/lang/Thread"));
        super.visitVarInsn(Opcodes.ALOAD, spare);
      }
      super.visitInsn(opcode);
    }
  }
}
