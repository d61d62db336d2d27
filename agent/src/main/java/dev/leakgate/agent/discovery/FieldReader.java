package dev.leakgate.agent.discovery;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads reference fields for the search of pre-existing components: an object's instance fields, or
 * a class's static fields once the class is initialised. It is defined in a class loader of its own
 * ({@link PreExistingComponents}), so the JDK packages opened for it (a thread's task in java.lang,
 * collections and executors in java.util) are opened to it alone, never to the application's
 * unnamed module. It names JDK types only; the copy in LeakGate's own loader is never used.
 */
public final class FieldReader implements Function<Object, Object[]> {
  private final Map<Class<?>, Field[]> instanceFields = new HashMap<>();
  private final Object unsafe;
  private final Method shouldBeInitialized;

  /** A reader; without access to the JDK's internal Unsafe it reads no static field. */
  public FieldReader() {
    Object u = null;
    Method m = null;
    try {
      Class<?> type = Class.forName("jdk.internal.misc.Unsafe");
      u = type.getMethod("getUnsafe").invoke(null);
      m = type.getMethod("shouldBeInitialized", Class.class);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      u = null; // reading a static field of a class not yet initialised would initialise it: read none
      m = null;
    }
    unsafe = u;
    shouldBeInitialized = m;
  }

  /**
   * For an object, its non-null reference fields (its class's and its superclasses') as name, value
   * pairs; for a {@link Class}, its own static ones, or null while the class is not initialised
   * (reading would run its initialiser in the application). Fields LeakGate may not open are left out.
   */
  @Override
  public Object[] apply(Object target) {
    boolean statics = target instanceof Class;
    Class<?> type = statics ? (Class<?>) target : target.getClass();
    if (statics && !initialised(type)) {
      return null;
    }
    Field[] fields = statics ? accessible(type, true) : instanceFields.get(type);
    if (fields == null) {
      fields = instanceFieldsOf(type);
      instanceFields.put(type, fields);
    }
    Object[] out = new Object[fields.length * 2];
    int n = 0;
    for (Field field : fields) {
      try {
        Object value = field.get(statics ? null : target);
        if (value != null) {
          out[n++] = field.getName();
          out[n++] = value;
        }
      } catch (IllegalAccessException | RuntimeException e) {
        // unreadable after all: left out
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private boolean initialised(Class<?> type) {
    if (shouldBeInitialized == null) {
      return false;
    }
    try {
      return !(Boolean) shouldBeInitialized.invoke(unsafe, type);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  private static Field[] instanceFieldsOf(Class<?> type) {
    List<Field> out = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      out.addAll(Arrays.asList(accessible(c, false)));
    }
    return out.toArray(new Field[0]);
  }

  /** The reference fields declared by {@code type}, static or not, that could be made accessible. */
  private static Field[] accessible(Class<?> type, boolean statics) {
    List<Field> out = new ArrayList<>();
    Field[] declared;
    try {
      declared = type.getDeclaredFields();
    } catch (RuntimeException | LinkageError e) {
      return new Field[0]; // a field's type cannot be loaded: nothing of this class is read
    }
    for (Field field : declared) {
      if (Modifier.isStatic(field.getModifiers()) == statics && !field.getType().isPrimitive()) {
        try {
          if (field.trySetAccessible()) {
            out.add(field);
          }
        } catch (RuntimeException e) {
          // a security manager said no: left out
        }
      }
    }
    return out.toArray(new Field[0]);
  }
}
