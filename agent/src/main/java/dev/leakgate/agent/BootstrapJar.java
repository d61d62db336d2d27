package dev.leakgate.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * Makes the small registry API (package dev.leakgate.api) visible to the bootstrap class loader,
 * so advice inlined into SDK classes finds it whatever loader holds the SDK. Only that API is
 * exposed; Byte Buddy and the rest of the agent stay in the agent's own loader.
 */
final class BootstrapJar {
  static final String RESOURCE = "/META-INF/leakgate/leakgate-bootstrap.jar";

  private BootstrapJar() {}

  static void append(Instrumentation inst) throws IOException {
    byte[] bytes = read();
    inst.appendToBootstrapClassLoaderSearch(new JarFile(materialise(bytes)));
  }

  private static byte[] read() throws IOException {
    try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the agent jar lacks " + RESOURCE + " (a broken build?)");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
      byte[] buf = new byte[16 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  /**
   * Writes the jar under the temp folder, named by its checksum and reused by later JVMs when the
   * bytes on disk are identical (no SecureRandom, which would cost start-up time).
   */
  private static File materialise(byte[] bytes) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length);
    String user = safeName(System.getProperty("user.name", "user"));
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "leakgate-" + user);
    Path target = dir.resolve("leakgate-bootstrap-" + Long.toHexString(crc.getValue()) + "-" + bytes.length + ".jar");
    if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
      return target.toFile();
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // another JVM won the race: its file has the same bytes (same name means same checksum and length)
      Files.deleteIfExists(tmp);
      if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
        throw e;
      }
    }
    return target.toFile();
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
