package dev.leakgate.agent.report;

/** The agent's version, from the jar manifest ("dev" when run from classes). */
public final class AgentVersion {
  private AgentVersion() {}

  /** The version string. */
  public static String get() {
    String v = AgentVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
