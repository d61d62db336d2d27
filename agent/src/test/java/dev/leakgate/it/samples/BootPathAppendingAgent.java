package dev.leakgate.it.samples;

import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * What the agent did before issue 9: appends a jar (its argument) to the boot class path in premain.
 * The control that shows the JVM's CDS warning is really caught where the tests look for it.
 */
public final class BootPathAppendingAgent {
  private BootPathAppendingAgent() {}

  public static void premain(String jar, Instrumentation inst) throws Exception {
    inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
  }
}
