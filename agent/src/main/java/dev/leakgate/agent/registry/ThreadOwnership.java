package dev.leakgate.agent.registry;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns each thread. A thread belongs to the component that made it: one an SDK component made
 * while it was built (or while it ran a method that starts its threads), or one a JDK component's
 * thread link handed it (a pool's worker, a timer's thread, an HTTP client's selector), tracked or
 * not (a pool built before the JDK was woven, the common pool). Only a platform thread that nobody
 * claimed when it starts is a component of its own, a {@link Kind#Thread}.
 */
final class ThreadOwnership {
  /** Threads made and claimed by a component, not started yet: what their start asks. */
  private static final ConcurrentHashMap<WeakIdentityKey, Boolean> CLAIMED = new ConcurrentHashMap<>();
  private static final ReferenceQueue<Object> UNSTARTED_COLLECTED = new ReferenceQueue<>();
  /** The SDK constructions in progress on this thread, and the owner methods running. */
  private static final ThreadLocal<Frame> FRAMES = new ThreadLocal<>();

  private ThreadOwnership() {}

  // ---- SDK components: what they make while built, or while an owner method runs ----

  static void constructing(Kind kind) {
    FRAMES.set(new Frame(kind, null, FRAMES.get()));
  }

  /** The construction of {@code kind} ends (returned or threw): its frame, with the threads made in it. */
  static List<Thread> constructionEnded(Kind kind) {
    Frame frame = FRAMES.get();
    while (frame != null && frame.kind != kind) {
      frame = frame.outer;
    }
    if (frame == null) {
      return null;
    }
    setFrames(frame.outer);
    return frame.threads;
  }

  static void enterOwner(Object owner) {
    FRAMES.set(new Frame(null, owner, FRAMES.get()));
  }

  static void exitOwner() {
    Frame frame = FRAMES.get();
    if (frame != null) {
      setFrames(frame.outer);
    }
  }

  /** The SDK's thread factory made {@code thread}: it is the component's being built or started here, if any. */
  static void factoryMade(Thread thread) {
    Frame frame = FRAMES.get();
    if (frame == null || thread == null) {
      return;
    }
    claimFor(frame, thread);
    claim(thread);
  }

  private static void claimFor(Frame frame, Thread thread) {
    if (frame.owner != null) {
      Instance owner = Registry.instanceOf(frame.owner);
      if (owner != null) {
        owner.addThread(thread);
      }
    } else {
      frame.addThread(thread);
    }
  }

  // ---- JDK components: thread links ----

  /** A JDK component's thread link handed {@code thread} to {@code owner} (tracked or not). */
  static void link(Object owner, Thread thread) {
    if (owner != null) {
      Instance inst = Registry.instanceOf(owner);
      if (inst != null) {
        inst.addThread(thread);
      }
    }
    claim(thread);
  }

  private static void claim(Thread thread) {
    if (thread.getState() == Thread.State.NEW) {
      expunge();
      if (CLAIMED.size() >= SWEEP_AT) {
        sweepStarted(); // Thread.start is not woven yet (no scope opened): nothing took these claims
      }
      CLAIMED.put(new WeakIdentityKey(thread, UNSTARTED_COLLECTED), Boolean.TRUE);
    }
  }

  /** Claims kept before the next sweep of those whose thread started, so a JVM whose Thread.start is not woven holds few. */
  private static final int SWEEP_AT = 256;

  /** Drops the claims of threads that started (or were collected): only a thread not started yet can be asked for. */
  private static void sweepStarted() {
    CLAIMED.keySet().removeIf(key -> {
      Object thread = key.get();
      return !(thread instanceof Thread) || ((Thread) thread).getState() != Thread.State.NEW;
    });
  }

  /**
   * {@code thread} starts: unless a component claimed it (or one is being built here), it is a thread
   * component of its own, and its creating stack decides the rest (a tracked component's own code that
   * starts the thread links it itself; the JDK's threads are process-wide).
   */
  static void starting(Thread thread) {
    if (thread.getState() != Thread.State.NEW) {
      return; // started twice: start throws
    }
    if (!CLAIMED.isEmpty() && CLAIMED.remove(new WeakIdentityKey(thread, null)) != null) {
      return;
    }
    Frame frame = FRAMES.get();
    if (frame != null) {
      claimFor(frame, thread);
      return;
    }
    Registry.record(Kind.Thread, thread, null);
  }

  /** Threads claimed and not started yet; for footprint tests. */
  static int unstarted() {
    expunge();
    sweepStarted();
    return CLAIMED.size();
  }

  private static void expunge() {
    Reference<?> ref;
    while ((ref = UNSTARTED_COLLECTED.poll()) != null) {
      CLAIMED.remove(ref);
    }
  }

  private static void setFrames(Frame frame) {
    if (frame == null) {
      FRAMES.remove();
    } else {
      FRAMES.set(frame);
    }
  }

  /** A construction in progress on this thread, or an owner whose method may start threads. */
  private static final class Frame {
    final Kind kind;
    final Object owner;
    final Frame outer;
    List<Thread> threads;

    Frame(Kind kind, Object owner, Frame outer) {
      this.kind = kind;
      this.owner = owner;
      this.outer = outer;
    }

    void addThread(Thread t) {
      if (threads == null) {
        threads = new ArrayList<>(2);
      }
      if (!threads.contains(t)) {
        threads.add(t);
      }
    }
  }
}
