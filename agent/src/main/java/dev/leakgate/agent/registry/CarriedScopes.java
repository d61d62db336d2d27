package dev.leakgate.agent.registry;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scopes that handed-off tasks carry, beside the tasks (which are never wrapped or changed): a
 * weak identity table. An entry lives from the hand-off until the task starts running (it is taken
 * then), or until the task is collected unrun; a periodic timer task's entry stays while the task is
 * scheduled. So the table holds only work in flight and live periodic tasks, shrinks back
 * when a burst is over, and never keeps a finished scope or a task alive.
 *
 * <p>Striped: each stripe is a small open-addressing table under its own lock, growing at half full
 * and shrinking at an eighth, so concurrent hand-offs rarely meet and a lookup allocates nothing.
 */
final class CarriedScopes {
  private static final int STRIPES = 64; // a power of two
  private static final int MIN_CAPACITY = 8;

  private final Stripe[] stripes = new Stripe[STRIPES];
  private final AtomicInteger size = new AtomicInteger();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  CarriedScopes() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** Tasks carrying a scope now. */
  int size() {
    expunge();
    return size.get();
  }

  boolean isEmpty() {
    return size.get() == 0;
  }

  /** {@code task} carries {@code carried}, replacing what it carried, which is returned (or null). */
  Carried put(Object task, Carried carried) {
    expunge();
    int hash = System.identityHashCode(task);
    Stripe stripe = stripes[spread(hash) & (STRIPES - 1)];
    synchronized (stripe) {
      Carried before = stripe.put(task, hash, carried, collected);
      if (before == null) {
        size.incrementAndGet();
      }
      return before;
    }
  }

  /**
   * What {@code task} carries, removed from the table as it starts running (counted running before
   * it leaves the table, so whoever counts the work in flight sees it in one place or the other);
   * null when it carries nothing.
   */
  Carried takeToRun(Object task) {
    return take(task, true);
  }

  /** What {@code task} carried, removed from the table because it will never run; null when nothing. */
  Carried drop(Object task) {
    return take(task, false);
  }

  private Carried take(Object task, boolean run) {
    int hash = System.identityHashCode(task);
    Stripe stripe = stripes[spread(hash) & (STRIPES - 1)];
    synchronized (stripe) {
      int i = stripe.indexOf(task, hash);
      if (i < 0) {
        return null;
      }
      Carried carried = stripe.values[i];
      if (run) {
        carried.started();
      } else {
        carried.dropped();
      }
      stripe.removeAt(i);
      size.decrementAndGet();
      return carried;
    }
  }

  /** What {@code task} carries, left in place (a periodic task runs again); null when nothing. */
  Carried get(Object task) {
    int hash = System.identityHashCode(task);
    Stripe stripe = stripes[spread(hash) & (STRIPES - 1)];
    synchronized (stripe) {
      int i = stripe.indexOf(task, hash);
      return i < 0 ? null : stripe.values[i];
    }
  }

  /**
   * Tasks waiting to run that are in flight for {@code scope} and due by {@code horizonNanos}
   * (read before the scope's running count: a task that starts meanwhile is counted there)
   * ({@link System#nanoTime}), leaving out futures already done (a cancelled task may wait in its
   * queue until its time comes: it will do nothing then).
   */
  int waitingFor(ScopeContext scope, long horizonNanos) {
    expunge();
    java.util.List<Object> tasks = new java.util.ArrayList<>();
    for (Stripe stripe : stripes) {
      synchronized (stripe) {
        for (int i = 0; i < stripe.keys.length; i++) {
          Key k = stripe.keys[i];
          Object task = k == null ? null : k.get();
          Carried carried = stripe.values[i];
          if (task != null && carried.inFlightFor(scope) && carried.dueNanos - horizonNanos <= 0) {
            tasks.add(task);
          }
        }
      }
    }
    int n = 0;
    for (Object task : tasks) { // asked outside the locks: isDone is the task's own code
      n += isDoneFuture(task) ? 0 : 1;
    }
    return n;
  }

  private static boolean isDoneFuture(Object task) {
    try {
      return task instanceof java.util.concurrent.Future && ((java.util.concurrent.Future<?>) task).isDone();
    } catch (RuntimeException e) {
      return false; // a future that cannot say is still waiting
    }
  }

  /** Drops the entries of tasks that were collected without running. */
  private void expunge() {
    Reference<?> ref;
    while ((ref = collected.poll()) != null) {
      Key key = (Key) ref;
      Stripe stripe = stripes[spread(key.hash) & (STRIPES - 1)];
      synchronized (stripe) {
        int i = stripe.indexOfKey(key);
        if (i >= 0) {
          Carried carried = stripe.values[i];
          stripe.removeAt(i);
          size.decrementAndGet();
          carried.dropped();
        }
      }
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** A weak reference to a task, with the task's identity hash. */
  private static final class Key extends java.lang.ref.WeakReference<Object> {
    final int hash;

    Key(Object task, int hash, ReferenceQueue<Object> queue) {
      super(task, queue);
      this.hash = hash;
    }
  }

  /** Linear probing over parallel arrays; deletion shifts entries back, so there are no tombstones. */
  private static final class Stripe {
    Key[] keys = new Key[MIN_CAPACITY];
    Carried[] values = new Carried[MIN_CAPACITY];
    int count;

    /** What the task carried before (null: it was not in the table). */
    Carried put(Object task, int hash, Carried carried, ReferenceQueue<Object> queue) {
      int i = indexOf(task, hash);
      if (i >= 0) {
        Carried before = values[i];
        values[i] = carried;
        return before;
      }
      if ((count + 1) * 2 > keys.length) {
        resize(keys.length * 2);
      }
      int mask = keys.length - 1;
      int j = slot(hash, mask);
      while (keys[j] != null) {
        j = (j + 1) & mask;
      }
      keys[j] = new Key(task, hash, queue);
      values[j] = carried;
      count++;
      return null;
    }

    int indexOf(Object task, int hash) {
      int mask = keys.length - 1;
      for (int j = slot(hash, mask); keys[j] != null; j = (j + 1) & mask) {
        Key k = keys[j];
        if (k.hash == hash && k.get() == task) {
          return j;
        }
      }
      return -1;
    }

    int indexOfKey(Key key) {
      int mask = keys.length - 1;
      for (int j = slot(key.hash, mask); keys[j] != null; j = (j + 1) & mask) {
        if (keys[j] == key) {
          return j;
        }
      }
      return -1;
    }

    void removeAt(int i) {
      int mask = keys.length - 1;
      keys[i] = null;
      values[i] = null;
      count--;
      // shift back the entries after i that probed past it
      int gap = i;
      for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
        int home = slot(keys[j].hash, mask);
        boolean movable = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
        if (movable) {
          keys[gap] = keys[j];
          values[gap] = values[j];
          keys[j] = null;
          values[j] = null;
          gap = j;
        }
      }
      if (keys.length > MIN_CAPACITY && count * 8 < keys.length) {
        resize(keys.length / 2);
      }
    }

    private void resize(int capacity) {
      Key[] oldKeys = keys;
      Carried[] oldValues = values;
      keys = new Key[capacity];
      values = new Carried[capacity];
      int mask = capacity - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        Key k = oldKeys[i];
        if (k != null) {
          int j = slot(k.hash, mask);
          while (keys[j] != null) {
            j = (j + 1) & mask;
          }
          keys[j] = k;
          values[j] = oldValues[i];
        }
      }
    }

    private static int slot(int hash, int mask) {
      return (hash * 0x9E3779B9 >>> 7) & mask;
    }
  }
}
