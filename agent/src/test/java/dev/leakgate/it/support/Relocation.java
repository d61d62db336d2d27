package dev.leakgate.it.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Relocates a package of real jars into one jar, as a shade plugin's {@code <relocation>} does: entry
 * paths, every class-file constant (names, descriptors, strings) and service files are rewritten. The
 * constant pool is the only part of a class file that names anything, so rewriting it is enough.
 */
public final class Relocation {
  private final String fromSlash;
  private final String toSlash;
  private final String fromDot;
  private final String toDot;

  /** Moves package {@code from} (and its subpackages) to {@code to}, both binary names. */
  public Relocation(String from, String to) {
    this.fromDot = from + ".";
    this.toDot = to + ".";
    this.fromSlash = from.replace('.', '/') + "/";
    this.toSlash = to.replace('.', '/') + "/";
  }

  /** Writes the relocated content of every jar in {@code folder} whose name starts with {@code prefix} to {@code out}. */
  public Path relocateJars(Path folder, String prefix, Path out) throws IOException {
    File[] jars = folder.toFile().listFiles((d, n) -> n.startsWith(prefix) && n.endsWith(".jar"));
    if (jars == null || jars.length == 0) {
      throw new IllegalStateException("no " + prefix + "*.jar in " + folder);
    }
    Set<String> written = new HashSet<>();
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out))) {
      for (File in : jars) {
        try (JarFile source = new JarFile(in)) {
          for (JarEntry entry : java.util.Collections.list(source.entries())) {
            String name = entry.getName();
            if (entry.isDirectory() || name.equals("META-INF/MANIFEST.MF") || name.endsWith("module-info.class")) {
              continue;
            }
            byte[] bytes;
            try (InputStream s = source.getInputStream(entry)) {
              bytes = s.readAllBytes();
            }
            if (name.endsWith(".class")) {
              bytes = relocateClass(bytes);
            } else if (name.startsWith("META-INF/services/")) {
              bytes = rename(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            String target = name.startsWith("META-INF/services/") ? rename(name) : name.replace(fromSlash, toSlash);
            if (written.add(target)) {
              jar.putNextEntry(new JarEntry(target));
              jar.write(bytes);
              jar.closeEntry();
            }
          }
        }
      }
    }
    return out;
  }

  private String rename(String text) {
    return text.replace(fromSlash, toSlash).replace(fromDot, toDot);
  }

  /** The class file with every UTF-8 constant relocated; everything after the constant pool refers to it by index. */
  byte[] relocateClass(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length + 512);
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeInt(in.readInt()); // magic
    out.writeInt(in.readInt()); // minor and major version
    int count = in.readUnsignedShort();
    out.writeShort(count);
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      out.writeByte(tag);
      switch (tag) {
        case 1 -> out.writeUTF(rename(in.readUTF()));
        case 7, 8, 16, 19, 20 -> copy(in, out, 2);
        case 15 -> copy(in, out, 3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> copy(in, out, 4);
        case 5, 6 -> {
          copy(in, out, 8);
          i++; // eight-byte constants take two slots
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.transferTo(out);
    return buffer.toByteArray();
  }

  private static void copy(DataInputStream in, DataOutputStream out, int n) throws IOException {
    out.write(in.readNBytes(n));
  }
}
