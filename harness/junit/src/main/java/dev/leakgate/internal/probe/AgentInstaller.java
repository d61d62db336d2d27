package dev.leakgate.internal.probe;

import dev.leakgate.agent.AgentMain;
import java.io.File;
import java.net.URL;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Makes sure the LeakGate agent runs in this JVM, attaching it when it is absent. The agent's
 * classes load in the system class loader, once: an attach reuses the copy already on the class path.
 */
public final class AgentInstaller {
  private static final String AGENT_CLASS_RESOURCE = "dev/leakgate/agent/AgentMain.class";

  private AgentInstaller() {}

  /** Whether the agent already runs in this JVM (-javaagent, a launcher agent, or an earlier attach). */
  public static boolean isInstalled() {
    return System.getProperty(AgentMain.VERSION_PROPERTY) != null;
  }

  /**
   * Installs the agent if needed; returns true when this call attached it (so a caller can say so once).
   *
   * @throws ProbeException when the agent jar cannot be found or the attach fails
   */
  public static synchronized boolean ensureInstalled() {
    if (isInstalled()) {
      return false;
    }
    File jar = agentJar();
    try {
      ByteBuddyAgent.attach(jar, String.valueOf(ProcessHandle.current().pid()), "log=quiet");
    } catch (RuntimeException e) {
      throw new ProbeException("could not attach the LeakGate agent to this JVM (" + jar + "): " + e.getMessage()
          + "; run with -javaagent:leakgate-agent.jar instead", e);
    }
    if (!isInstalled()) {
      throw new ProbeException("attached " + jar + " but the agent did not start; see the JVM's stderr");
    }
    return true;
  }

  /** The agent jar: the {@code leakgate.agent.jar} system property, else the jar holding the agent's classes. */
  public static File agentJar() {
    String configured = System.getProperty("leakgate.agent.jar");
    if (configured != null) {
      File f = new File(configured);
      if (!f.isFile()) {
        throw new ProbeException("leakgate.agent.jar points to " + f + ", which is not a file");
      }
      return f;
    }
    URL url = ClassLoader.getSystemResource(AGENT_CLASS_RESOURCE);
    if (url == null) {
      url = AgentInstaller.class.getClassLoader().getResource(AGENT_CLASS_RESOURCE);
    }
    if (url == null || !"jar".equals(url.getProtocol())) {
      throw new ProbeException("cannot find the LeakGate agent jar on the class path (found " + url
          + "); set -Dleakgate.agent.jar=PATH/leakgate-agent.jar");
    }
    String path = url.getPath();
    String file = path.substring("file:".length(), path.indexOf("!/"));
    return new File(java.net.URLDecoder.decode(file, java.nio.charset.StandardCharsets.UTF_8));
  }
}
