package dev.leakgate.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the line of a marker comment in a test source file, so tests never hard-code line numbers. */
public final class SourceLines {
  private SourceLines() {}

  /** The 1-based line in {@code type}'s source file that contains {@code marker}. */
  public static int lineOf(Class<?> type, String marker) throws IOException {
    Path source = Path.of("src/test/java", type.getName().replace('.', '/') + ".java");
    List<String> lines = Files.readAllLines(source);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalStateException("marker " + marker + " not found in " + source);
  }
}
