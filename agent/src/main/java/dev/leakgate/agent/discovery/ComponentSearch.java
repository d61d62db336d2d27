package dev.leakgate.agent.discovery;

import dev.leakgate.agent.instrument.SdkTransformer;
import dev.leakgate.agent.registry.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the OpenTelemetry components that exist already, and the threads they own, from what is
 * reachable although LeakGate recorded nothing of them:
 * <ul>
 *   <li>the static fields of every initialised {@code GlobalOpenTelemetry} (one per loader that holds
 *       an API: the application's, another agent's isolated one), and everything reachable from
 *       there through OpenTelemetry objects and JDK collections;
 *   <li>the live threads: a thread belongs to the component that holds it, its task, or the executor
 *       its task works for, within {@value #OWNERSHIP_DEPTH} fields. A thread no such component
 *       claims belongs to the nearest component its task reaches; when its task is the code of a
 *       component class (a processor's worker) and that component cannot be reached, the task
 *       stands in for it.
 * </ul>
 * What can be found this way, and what cannot, is in docs/other-agents.md. Ownership follows
 * references and the classes of the code a thread runs, never thread names. Bounded by a number of
 * objects and a deadline.
 */
final class ComponentSearch {
  /** Objects visited at most, all walks together. */
  static final int MAX_OBJECTS = 200_000;
  /** How far from a {@code GlobalOpenTelemetry} components are looked for. */
  private static final int GLOBAL_DEPTH = 16;
  /** How far from a thread's task its component is looked for (through an executor to its queued task). */
  private static final int TASK_DEPTH = 8;
  /** How far from a component its threads, tasks or executors are looked for. */
  private static final int OWNERSHIP_DEPTH = 2;
  private static final Object NOT_A_KIND = new Object();

  private final Function<Object, Object[]> fields;
  private final SdkTransformer names;
  private final long deadlineNanos;
  private final Map<Class<?>, Object> kinds = new HashMap<>();
  private final Map<Class<?>, Boolean> expandable = new HashMap<>();
  private int budget = MAX_OBJECTS;
  private boolean exhausted;

  /** A search reading fields through {@code fields} (see {@link FieldReader}) until {@code deadlineNanos}. */
  ComponentSearch(Function<Object, Object[]> fields, SdkTransformer names, long deadlineNanos) {
    this.fields = fields;
    this.names = names;
    this.deadlineNanos = deadlineNanos;
  }

  /** One component found, with the live threads found to be its. */
  static final class Found {
    final Kind kind;
    final Object instance;
    /** {@link #instance} is the worker of a component that could not be reached itself. */
    final boolean standIn;
    final List<Thread> threads = new ArrayList<>(2);

    Found(Kind kind, Object instance, boolean standIn) {
      this.kind = kind;
      this.instance = instance;
      this.standIn = standIn;
    }
  }

  /** Whether the search stopped at its bound before it was through. */
  boolean exhausted() {
    return exhausted;
  }

  /** The components reachable from {@code globals} (GlobalOpenTelemetry classes) and {@code threads}. */
  List<Found> search(List<Class<?>> globals, List<Thread> threads) {
    List<Found> out = new ArrayList<>();
    Map<Object, Found> byInstance = new IdentityHashMap<>();
    List<Object> roots = new ArrayList<>();
    for (Class<?> global : globals) {
      Object[] statics = fields.apply(global);
      for (int i = 1; statics != null && i < statics.length; i += 2) {
        roots.add(statics[i]);
      }
    }
    for (Object o : reach(roots, GLOBAL_DEPTH, true)) {
      Kind kind = kindOf(o.getClass());
      if (kind != null && !byInstance.containsKey(o)) {
        Found f = new Found(kind, o, false);
        byInstance.put(o, f);
        out.add(f);
      }
    }

    Map<Thread, Object> tasks = new IdentityHashMap<>();
    Map<Object, List<Thread>> handles = new IdentityHashMap<>();
    for (Thread t : threads) {
      handle(handles, t, t);
      Object task = taskOf(t);
      if (task != null) {
        tasks.put(t, task);
        handle(handles, task, t);
        Object outer = field(task, "this$0"); // an inner class's enclosing instance: a pool worker's executor
        if (outer != null && !(outer instanceof Thread)) {
          handle(handles, outer, t);
        }
      }
    }

    Set<Thread> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Found f : out) {
      for (Object o : reach(List.of(f.instance), OWNERSHIP_DEPTH, false)) {
        List<Thread> owned = handles.get(o);
        for (int i = 0; owned != null && i < owned.size(); i++) {
          if (claimed.add(owned.get(i))) {
            f.threads.add(owned.get(i));
          }
        }
      }
    }

    for (Thread t : threads) {
      Object task = tasks.get(t);
      if (task == null || claimed.contains(t) || exhausted) {
        continue;
      }
      Kind code = kindOfCode(task.getClass());
      if (code == null && !isExpandable(task.getClass())) {
        continue; // the application's own task: not ours to walk
      }
      Object owner = null;
      // a component's own code holds the component within a field or two (a lambda's captured argument,
      // an inner class's enclosing instance); other code is followed through executors to its queued task
      for (Object o : reach(List.of(task), code != null ? OWNERSHIP_DEPTH : TASK_DEPTH, false)) {
        Kind kind = kindOf(o.getClass());
        if (kind != null && (code == null || kind == code)) {
          owner = o;
          break;
        }
      }
      Found f = owner == null ? null : byInstance.get(owner);
      if (f == null && owner != null) {
        f = new Found(kindOf(owner.getClass()), owner, false);
      } else if (f == null && code != null) {
        f = new Found(code, task, true);
      }
      if (f != null) {
        if (byInstance.put(f.instance, f) == null) {
          out.add(f);
        }
        f.threads.add(t);
        claimed.add(t);
      }
    }
    return out;
  }

  private static void handle(Map<Object, List<Thread>> handles, Object handle, Thread t) {
    List<Thread> list = handles.get(handle);
    if (list == null) {
      list = new ArrayList<>(1);
      handles.put(handle, list);
    }
    list.add(t);
  }

  /** What a thread runs: its Runnable ({@code target} up to JDK 20, {@code holder.task} from 21), or null. */
  private Object taskOf(Thread t) {
    Object target = field(t, "target");
    if (target != null) {
      return target;
    }
    Object holder = field(t, "holder");
    return holder == null ? null : field(holder, "task");
  }

  private Object field(Object o, String name) {
    Object[] values = fields.apply(o);
    for (int i = 0; values != null && i < values.length; i += 2) {
      if (name.equals(values[i])) {
        return values[i + 1];
      }
    }
    return null;
  }

  /**
   * The objects reached breadth first from {@code roots} within {@code maxDepth} fields: threads,
   * and the OpenTelemetry objects, JDK collections and arrays that are walked on. A component
   * reached (other than a root) is walked on only {@code throughComponents}.
   */
  private List<Object> reach(List<Object> roots, int maxDepth, boolean throughComponents) {
    List<Object> reached = new ArrayList<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    List<Object> level = new ArrayList<>();
    for (Object root : roots) {
      if (root != null && seen.put(root, Boolean.TRUE) == null) {
        level.add(root);
      }
    }
    for (int depth = 0; !level.isEmpty() && depth <= maxDepth; depth++) {
      List<Object> next = new ArrayList<>();
      for (Object o : level) {
        if (!spend()) {
          return reached;
        }
        reached.add(o);
        if (o instanceof Thread || depth == maxDepth || !isExpandable(o.getClass())
            || (depth > 0 && !throughComponents && kindOf(o.getClass()) != null)) {
          continue;
        }
        if (o instanceof Object[]) {
          for (Object child : (Object[]) o) {
            enqueue(child, seen, next);
          }
        } else {
          Object[] values = fields.apply(o);
          for (int i = 1; i < values.length; i += 2) {
            enqueue(values[i], seen, next);
          }
        }
      }
      level = next;
    }
    return reached;
  }

  private void enqueue(Object child, Map<Object, Boolean> seen, List<Object> next) {
    if (child != null && (child instanceof Thread || isExpandable(child.getClass())) && seen.put(child, Boolean.TRUE) == null) {
      next.add(child);
    }
  }

  private boolean spend() {
    if (--budget < 0 || ((budget & 255) == 0 && System.nanoTime() - deadlineNanos > 0)) {
      exhausted = true;
    }
    return !exhausted;
  }

  /** Objects walked on: arrays of references, JDK collections and concurrency types, OpenTelemetry's own. */
  private boolean isExpandable(Class<?> c) {
    Boolean known = expandable.get(c);
    if (known == null) {
      String name = c.getName();
      known = c.isArray()
          ? !c.getComponentType().isPrimitive()
          : !Thread.class.isAssignableFrom(c)
              && (name.startsWith("java.util.") && !name.startsWith("java.util.logging.") || names.isOpenTelemetryClass(name));
      expandable.put(c, known);
    }
    return known;
  }

  /** The SDK kind whose class {@code c} is (the SDK's or a relocated copy), or null. */
  Kind kindOf(Class<?> c) {
    Object known = kinds.get(c);
    if (known == null) {
      String name = c.getName();
      String sdkName = names.sdkClassName(name);
      known = NOT_A_KIND;
      for (Kind kind : Kind.values()) {
        // the SDK's kinds only: the JDK's pools and threads are counted once LeakGate weaves the JDK
        if (kind.origin() == Kind.Origin.SDK && (kind.className().equals(name) || kind.className().equals(sdkName))) {
          known = kind;
        }
      }
      kinds.put(c, known);
    }
    return known == NOT_A_KIND ? null : (Kind) known;
  }

  /** The kind whose code a class is: the kind's class, a class nested in it, or a lambda it defined. */
  private Kind kindOfCode(Class<?> c) {
    for (Class<?> k = c; k != null; k = enclosing(k)) {
      Kind kind = kindOf(k);
      if (kind != null) {
        return kind;
      }
    }
    try {
      return kindOf(c.getNestHost()); // a lambda's class is a nestmate of the class that defined it
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static Class<?> enclosing(Class<?> c) {
    try {
      return c.getEnclosingClass();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
