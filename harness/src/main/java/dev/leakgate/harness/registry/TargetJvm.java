package dev.leakgate.harness.registry;

import com.sun.tools.attach.VirtualMachine;
import dev.leakgate.agent.AgentMain;
import dev.leakgate.internal.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * A JVM on this machine reached through the Attach API, for as long as it is open. Every step is
 * bounded by the timeout: a stopped JVM never answers an attach command.
 */
public final class TargetJvm implements AutoCloseable {
  /** SIGQUIT's bit in /proc/PID/status SigCgt: a HotSpot JVM catches it to start its attach listener. */
  private static final long SIGQUIT_MASK = 1L << (3 - 1);

  private final long pid;
  private final VirtualMachine vm;
  private final TimedCalls calls;

  private TargetJvm(long pid, VirtualMachine vm, TimedCalls calls) {
    this.pid = pid;
    this.vm = vm;
    this.calls = calls;
  }

  /**
   * Attaches to the JVM with this pid; fails with one line when it is no JVM, another user's, gone,
   * or does not answer within {@code timeout}. A process that is no JVM is refused at once.
   */
  public static TargetJvm attach(long pid, Duration timeout) {
    String target = "pid " + pid;
    String notAJvm = whyNotAJvm(pid);
    if (notAJvm != null) {
      throw new ProbeException("cannot attach to " + target + ": " + notAJvm);
    }
    TimedCalls calls = new TimedCalls(target, timeout);
    try {
      return new TargetJvm(pid, calls.call("the attach", () -> VirtualMachine.attach(String.valueOf(pid))), calls);
    } catch (ProbeException e) {
      calls.closeWith(() -> { });
      throw e;
    } catch (Exception e) {
      calls.closeWith(() -> { });
      throw new ProbeException("cannot attach to " + target + " (no such JVM, another user's, or attach disabled): "
          + e.getMessage(), e);
    }
  }

  /**
   * Why the process with this pid cannot be a JVM one can attach to, or null when it may be: no such
   * process, or (on Linux) a process that does not catch SIGQUIT, which the JDK's attach would wait
   * for in vain for ten seconds.
   */
  static String whyNotAJvm(long pid) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return "no process has this pid";
    }
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    if (Files.exists(Path.of("/tmp", ".java_pid" + pid)) || !Files.isReadable(status)) {
      return null; // its attach listener runs already, or this is no Linux /proc to look into
    }
    try {
      List<String> lines = Files.readAllLines(status);
      for (String line : lines) {
        if (line.startsWith("SigCgt:")) {
          long caught = Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
          if ((caught & SIGQUIT_MASK) == 0) {
            String command = process.get().info().command().map(c -> " (" + c + ")").orElse("");
            return "it is not a JVM" + command + ": it does not catch SIGQUIT, as every JVM does unless started with -Xrs";
          }
          return null;
        }
      }
    } catch (IOException | NumberFormatException unreadable) {
      // the process ended meanwhile, or the format is not Linux's: let the attach decide
    }
    return null;
  }

  /** Whether the LeakGate agent runs in the JVM with this pid. */
  public static boolean runsLeakGateAgent(long pid, Duration timeout) {
    try (TargetJvm jvm = attach(pid, timeout)) {
      return jvm.runsLeakGateAgent();
    }
  }

  /** The JVM's system properties. */
  public Properties systemProperties() {
    return call("its system properties", "cannot read the system properties of pid " + pid + " (did the JVM exit?)",
        vm::getSystemProperties);
  }

  /** Whether the LeakGate agent runs there (its version property is set). */
  public boolean runsLeakGateAgent() {
    return systemProperties().getProperty(AgentMain.VERSION_PROPERTY) != null;
  }

  /** Loads the agent jar at {@code path} with {@code options}. */
  public void loadAgent(String path, String options) {
    call("the agent load", "cannot load the LeakGate agent into pid " + pid, () -> {
      vm.loadAgent(path, options);
      return null;
    });
  }

  /** The JMX address of the JVM's local management agent, started if it is not running yet. */
  public String localJmxAddress() {
    return call("the start of its local JMX agent", "cannot start the local JMX agent of pid " + pid + " (did the JVM exit?)",
        vm::startLocalManagementAgent);
  }

  /** One bounded attach command; its failure becomes one {@link ProbeException} line starting with {@code failure}. */
  private <T> T call(String what, String failure, Callable<T> command) {
    try {
      return calls.call(what, command);
    } catch (ProbeException e) {
      throw e;
    } catch (Exception e) {
      throw new ProbeException(failure + ": " + e.getMessage(), e);
    }
  }


  /** Ends the attach session; the JMX agent it started keeps running. */
  @Override
  public void close() {
    calls.closeWith(() -> {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // nothing to release on a channel that is already gone
      }
    });
  }

  @Override
  public String toString() {
    return "TargetJvm{pid=" + pid + "}";
  }
}
