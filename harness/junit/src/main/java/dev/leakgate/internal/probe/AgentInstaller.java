package dev.leakgate.internal.probe;

import dev.leakgate.agent.AgentMain;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
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
    File jar = url == null ? null : jarHolding(url);
    if (jar == null) {
      throw new ProbeException("cannot find the LeakGate agent jar on the class path (found " + url
          + "); set -Dleakgate.agent.jar=PATH/leakgate-agent.jar");
    }
    return jar;
  }

  /**
   * The local jar file a {@code jar:file:...!/entry} resource URL points into, or null for any other
   * URL. The file part is a URI: only its %-escapes are decoded ({@code +} stays a plus).
   */
  static File jarHolding(URL resource) {
    String path = resource.getPath();
    int entry = path.lastIndexOf("!/");
    if (!"jar".equals(resource.getProtocol()) || !path.startsWith("file:") || entry < 0) {
      return null;
    }
    try {
      return new File(new URI(path.substring(0, entry)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
