package dev.leakgate.agent;

import com.sun.tools.attach.VirtualMachine;
import dev.leakgate.agent.jmx.RegistryJmx;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.util.Properties;

/**
 * {@code java -jar leakgate-agent.jar attach <pid> [options]}: loads the agent into a running JVM.
 * Exit codes: 0 loaded (or already loaded), 2 usage error, 3 the attach failed.
 */
public final class AttachMain {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int ATTACH_FAILED = 3;

  private static final String USAGE_TEXT = String.join("\n",
      "Usage: java -jar leakgate-agent.jar attach <pid> [options]",
      "Loads the LeakGate agent into the running JVM <pid>, instruments the OpenTelemetry SDK classes",
      "it has already loaded, and counts the components (and their threads) built before attach as",
      "pre-existing: kind and threads known, creating line unknown.",
      "With jmx=on the registry MBean is registered too (also in a JVM that runs the agent already).",
      "The JDK's pools, timers, fork-join pools, HTTP clients and threads are counted once the JVM's",
      "first scope opens; with jdk=start from now on (also in a JVM that runs the agent already).",
      "",
      "options  comma-separated, as for -javaagent: " + AgentOptions.ALLOWED,
      "",
      "Exit codes: 0 loaded (or already loaded), 2 usage error, 3 the attach failed.");

  private AttachMain() {}

  /** The command-line entry point. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command and returns its exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE_TEXT);
      return OK;
    }
    if (args.length < 2 || args.length > 3 || !args[0].equals("attach")) {
      err.println("leakgate-agent: expected 'attach <pid> [options]'");
      err.println(USAGE_TEXT);
      return USAGE;
    }
    String pid = args[1];
    if (!isPid(pid)) {
      err.println("leakgate-agent: '" + pid + "' is not a process id (a positive whole number)");
      return USAGE;
    }
    String options = args.length == 3 ? args[2] : "";
    AgentOptions parsed = AgentOptions.parse(options);
    if (!parsed.problems().isEmpty()) {
      err.println("leakgate-agent: " + parsed.problems().get(0));
      return USAGE;
    }
    String jar;
    try {
      jar = agentJar();
    } catch (Exception e) {
      err.println("leakgate-agent: cannot locate the agent jar: " + e.getMessage());
      return ATTACH_FAILED;
    }
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(pid);
    } catch (Exception e) {
      err.println("leakgate-agent: cannot attach to pid " + pid + " (no such JVM, another user's, or attach disabled): " + e.getMessage());
      return ATTACH_FAILED;
    }
    try {
      Properties props = vm.getSystemProperties();
      String running = props.getProperty(AgentMain.VERSION_PROPERTY);
      if (running != null && !parsed.jmx()) {
        out.println("leakgate-agent: agent " + running + " is already active in pid " + pid);
        return OK;
      }
      vm.loadAgent(jar, options);
      String jmx = parsed.jmx() ? " (JMX " + RegistryJmx.NAME + ")" : "";
      out.println(running != null
          ? "leakgate-agent: agent " + running + " is already active in pid " + pid + "; MBean registered" + jmx
          : "leakgate-agent: agent loaded into pid " + pid + jmx);
      return OK;
    } catch (Exception e) {
      err.println("leakgate-agent: loading the agent into pid " + pid + " failed: " + e);
      return ATTACH_FAILED;
    } finally {
      try {
        vm.detach();
      } catch (Exception ignored) {
        // detaching is best effort; the agent stays loaded either way
      }
    }
  }

  private static boolean isPid(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return Long.parseLong(s) > 0;
  }

  /** The path of the jar this class was loaded from. */
  static String agentJar() throws URISyntaxException {
    File f = new File(AttachMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!f.isFile()) {
      throw new IllegalStateException(f + " is not a jar (run from the packaged leakgate-agent.jar)");
    }
    return f.getAbsolutePath();
  }
}
