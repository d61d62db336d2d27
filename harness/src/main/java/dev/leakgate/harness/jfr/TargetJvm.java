package dev.leakgate.harness.jfr;

import com.sun.tools.attach.VirtualMachine;
import dev.leakgate.agent.AgentMain;
import dev.leakgate.internal.probe.ProbeException;
import java.io.IOException;

/** A JVM on this machine reached through the Attach API, for as long as it is open. */
public final class TargetJvm implements AutoCloseable {
  private final long pid;
  private final VirtualMachine vm;

  private TargetJvm(long pid, VirtualMachine vm) {
    this.pid = pid;
    this.vm = vm;
  }

  /** Attaches to the JVM with this pid; fails with one line when it is no JVM, another user's, or gone. */
  public static TargetJvm attach(long pid) {
    try {
      return new TargetJvm(pid, VirtualMachine.attach(String.valueOf(pid)));
    } catch (Exception e) {
      throw new ProbeException("cannot attach to pid " + pid + " (no such JVM, another user's, or attach disabled): " + e.getMessage(), e);
    }
  }

  /** Whether the LeakGate agent runs in the JVM with this pid. */
  public static boolean runsLeakGateAgent(long pid) {
    try (TargetJvm jvm = attach(pid)) {
      return jvm.runsLeakGateAgent();
    }
  }

  /** Whether the LeakGate agent runs there (its version property is set). */
  public boolean runsLeakGateAgent() {
    try {
      return vm.getSystemProperties().getProperty(AgentMain.VERSION_PROPERTY) != null;
    } catch (IOException e) {
      throw new ProbeException("cannot read the system properties of pid " + pid + " (did the JVM exit?): " + e.getMessage(), e);
    }
  }

  /** The JMX address of the JVM's local management agent, started if it is not running yet. */
  public String localJmxAddress() {
    try {
      return vm.startLocalManagementAgent();
    } catch (IOException e) {
      throw new ProbeException("cannot start the local JMX agent of pid " + pid + " (did the JVM exit?): " + e.getMessage(), e);
    }
  }

  /** The process id. */
  public long pid() {
    return pid;
  }

  /** Ends the attach session; the JMX agent it started keeps running. */
  @Override
  public void close() {
    try {
      vm.detach();
    } catch (IOException ignored) {
      // nothing to release on a channel that is already gone
    }
  }

  @Override
  public String toString() {
    return "TargetJvm{pid=" + pid + "}";
  }
}
