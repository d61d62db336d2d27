package dev.leakgate.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs one test class with a {@code premain} as an agent jar of its own, for {@code -javaagent}. */
public final class AgentJars {
  private AgentJars() {}

  /** Writes {@code jar} holding {@code premainClass}, named as its {@code Premain-Class}, and returns it. */
  public static Path of(Class<?> premainClass, Path jar) throws IOException {
    String resource = premainClass.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", premainClass.getName());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream in = premainClass.getClassLoader().getResourceAsStream(resource)) {
      out.putNextEntry(new JarEntry(resource));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
