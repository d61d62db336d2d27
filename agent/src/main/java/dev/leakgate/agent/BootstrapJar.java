package dev.leakgate.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Makes the small registry API (package dev.leakgate.api) visible to the bootstrap class loader,
 * so advice inlined into SDK classes finds it whatever loader holds the SDK. Only that API is
 * exposed; Byte Buddy and the rest of the agent stay in the agent's own loader.
 *
 * <p>This runs in premain, so it sticks to classes the JVM has loaded anyway (java.io, JarFile):
 * a resource URL or the NIO file API would load dozens of classes for a 28 KB copy.
 */
final class BootstrapJar {
  static final String ENTRY = "META-INF/leakgate/leakgate-bootstrap.jar";

  private BootstrapJar() {}

  static void append(Instrumentation inst) throws IOException {
    byte[] bytes = read();
    inst.appendToBootstrapClassLoaderSearch(new JarFile(materialise(bytes)));
  }

  private static byte[] read() throws IOException {
    File agentJar;
    try {
      agentJar = new File(BootstrapJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException("cannot locate the agent jar: " + e);
    }
    try (JarFile jar = new JarFile(agentJar, false)) {
      ZipEntry entry = jar.getEntry(ENTRY);
      if (entry == null) {
        throw new IOException(agentJar + " lacks " + ENTRY + " (a broken build?)");
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return readFully(in, (int) Math.max(entry.getSize(), 16 * 1024));
      }
    }
  }

  /**
   * Writes the jar under the temp folder, named by its checksum and reused by later JVMs when the
   * bytes on disk are identical (no SecureRandom, which would cost start-up time).
   */
  private static File materialise(byte[] bytes) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length);
    File dir = new File(System.getProperty("java.io.tmpdir"), "leakgate-" + safeName(System.getProperty("user.name", "user")));
    File target = new File(dir, "leakgate-bootstrap-" + Long.toHexString(crc.getValue()) + "-" + bytes.length + ".jar");
    if (target.isFile() && target.length() == bytes.length && Arrays.equals(readFile(target, bytes.length), bytes)) {
      return target;
    }
    if (!dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
      throw new IOException("cannot create " + dir);
    }
    File tmp = new File(dir, target.getName() + "." + ProcessHandle.current().pid() + ".tmp");
    try (FileOutputStream out = new FileOutputStream(tmp)) {
      out.write(bytes);
    }
    // rename is atomic within a folder; when another JVM won the race its file has the same bytes
    if (!tmp.renameTo(target)) {
      tmp.delete();
      if (!target.isFile() || !Arrays.equals(readFile(target, bytes.length), bytes)) {
        throw new IOException("cannot write " + target);
      }
    }
    return target;
  }

  private static byte[] readFile(File file, int expected) throws IOException {
    try (FileInputStream in = new FileInputStream(file)) {
      return readFully(in, expected);
    }
  }

  private static byte[] readFully(InputStream in, int expected) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(expected);
    byte[] buf = new byte[16 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** The user name as a file-name part (no regex: java.util.regex is not loaded yet at premain). */
  private static String safeName(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      b.append(plain ? c : '_');
    }
    return b.toString();
  }
}
