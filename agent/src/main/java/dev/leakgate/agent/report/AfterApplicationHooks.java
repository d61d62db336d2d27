package dev.leakgate.agent.report;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task at exit once the application's own shutdown hooks have finished, waiting at most
 * {@link #MAX_WAIT_MILLIS}: an SDK closed in a hook (Spring's bean destruction, the SDK
 * autoconfigure's hook) is then reported shut down, and a hung hook delays the task by the bound only.
 *
 * <p>How, without reflection: the JVM runs all application hooks from one thread, joins them, and
 * then runs {@code java.io.DeleteOnExitHook}, "the last shutdown hook to be invoked" (JDK 17 to 25),
 * which first enters {@code synchronized (DeleteOnExitHook.class)}. Our hook starts a writer thread
 * that holds that monitor and returns at once; when the JVM's hook thread blocks on the monitor,
 * every application hook has ended. The writer then runs the task and lets the JVM go on to halt.
 * An application hook that calls {@code File.deleteOnExit} meanwhile needs that monitor too: the
 * task then runs at once and the hook goes on a few milliseconds later.
 *
 * <p>A hook that calls {@code Runtime.halt} would end the JVM before the task: the writer also holds
 * {@code java.lang.Shutdown}'s halt lock (java.lang is opened to the agent for that, at exit only), so
 * a halt waits for it; once a thread waits there, the task runs at once and the halt goes on. Where
 * any of this is missing (another JDK), the task runs at once, as before.
 */
final class AfterApplicationHooks {
  /** The bound on the wait: generous for a framework's orderly close, short enough that nobody kills the JVM first. */
  static final long MAX_WAIT_MILLIS = 10_000;
  /** How often the writer looks at the JVM's hook thread; the report is written at most this late. */
  private static final long POLL_MILLIS = 5;
  /** Polls between looks for an application hook blocked in File.deleteOnExit (a scan of every thread). */
  private static final int ADD_CHECK_EVERY = 20;
  private static final String HOOK_RUNNER_FRAME = "java.lang.ApplicationShutdownHooks";
  private static final String LAST_HOOK = "java.io.DeleteOnExitHook";
  private static final String SHUTDOWN = "java.lang.Shutdown";

  private AfterApplicationHooks() {}

  /**
   * Called from an application shutdown hook: arranges for {@code task} to run after all of them, or
   * before a halt ({@code inst}, may be null, opens what holding the halt lock needs).
   */
  static void run(Runnable task, Instrumentation inst) {
    Thread hookRunner = hookRunner();
    Class<?> lastHook = lastHook();
    if (hookRunner == null || lastHook == null) {
      task.run();
      return;
    }
    Object haltLock = haltLock(inst);
    Object halts = haltLock == null ? new Object() : haltLock;
    CountDownLatch holding = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      synchronized (lastHook) {
        synchronized (halts) {
          holding.countDown();
          if (!awaitHooksDone(hookRunner)) {
            System.err.println("leakgate: application shutdown hooks still running after " + MAX_WAIT_MILLIS / 1000
                + " s; writing the report without waiting for them");
          }
          task.run();
        }
      }
    }, "leakgate-report-writer");
    writer.setDaemon(true);
    try {
      writer.start();
    } catch (Throwable t) {
      task.run();
      return;
    }
    try {
      // returning before the writer holds the monitor could let the JVM run the last hook and halt first
      holding.await(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The thread that runs and joins the application hooks (the one calling exit, a signal handler, DestroyJavaVM). */
  private static Thread hookRunner() {
    Thread self = Thread.currentThread();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      if (e.getKey() != self && holdsFrameOf(e.getValue(), HOOK_RUNNER_FRAME, "runHooks")) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The lock {@code Runtime.halt} takes ({@code Shutdown.haltLock}, JDK 17 to 25), or null where it cannot be had. */
  private static Object haltLock(Instrumentation inst) {
    try {
      Class<?> shutdown = Class.forName(SHUTDOWN, false, null);
      Module self = AfterApplicationHooks.class.getModule();
      if (inst != null && !shutdown.getModule().isOpen("java.lang", self)) {
        inst.redefineModule(shutdown.getModule(), Set.of(), Map.of(), Map.of("java.lang", Set.of(self)), Set.of(), Map.of());
      }
      Field lock = shutdown.getDeclaredField("haltLock");
      lock.setAccessible(true);
      return lock.get(null);
    } catch (Throwable t) {
      return null;
    }
  }

  /** The JDK's last shutdown hook, initialised so that it is registered (it registers itself even during shutdown). */
  private static Class<?> lastHook() {
    try {
      return Class.forName(LAST_HOOK, true, null);
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * True once the hook runner waits for the monitor we hold, or once an application hook waits for
   * it in {@code File.deleteOnExit} (letting that hook in could let the hook runner slip past too,
   * and the JVM would halt before the report: so the report is written then, without waiting for
   * the rest), or once a thread waits to halt; false when the bound passed first.
   */
  private static boolean awaitHooksDone(Thread hookRunner) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
    for (int poll = 1; System.nanoTime() < deadline; poll++) {
      if (!hookRunner.isAlive()) {
        return true;
      }
      if (hookRunner.getState() == Thread.State.BLOCKED && holdsFrameOf(hookRunner.getStackTrace(), LAST_HOOK, "runHooks")) {
        return true;
      }
      if (poll % ADD_CHECK_EVERY == 0 && aThreadWaitsForUs(hookRunner)) {
        return true;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return false;
      }
    }
    return false;
  }

  /** Whether an application hook waits to add a file to delete at exit, or any thread waits to halt. */
  private static boolean aThreadWaitsForUs(Thread hookRunner) {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      StackTraceElement[] stack = e.getValue();
      if (stack.length == 0) {
        continue;
      }
      boolean addsAFile = stack[0].getClassName().equals(LAST_HOOK) && stack[0].getMethodName().equals("add");
      boolean halts = stack[0].getClassName().equals(SHUTDOWN) && stack[0].getMethodName().equals("halt");
      if ((addsAFile && e.getKey() != hookRunner) || halts) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsFrameOf(StackTraceElement[] stack, String className, String method) {
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }
}
