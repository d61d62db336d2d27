package dev.leakgate.agent.report;

import dev.leakgate.agent.registry.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the report file when the JVM exits ({@code report=PATH}). */
public final class ReportFile {
  private ReportFile() {}

  /** Registers a shutdown hook that writes the report to {@code path}, creating parent folders. */
  public static void writeAtExit(String path, boolean quiet) {
    Thread hook = new Thread(new Writer(path, quiet), "leakgate-report");
    hook.setDaemon(false);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Writes the current report to {@code path} now (atomically: readers never see half a file). */
  public static void write(Path path, String json) throws IOException {
    Path absolute = path.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    Files.write(tmp, json.getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static final class Writer implements Runnable {
    private final String path;
    private final boolean quiet;

    Writer(String path, boolean quiet) {
      this.path = path;
      this.quiet = quiet;
    }

    @Override
    public void run() {
      try {
        Path target = Path.of(path);
        write(target, ReportJson.toJson(Registry.snapshot(), "agent", AgentVersion.get()));
        if (!quiet) {
          System.err.println("leakgate: report written to " + target.toAbsolutePath());
        }
      } catch (Throwable t) {
        System.err.println("leakgate: could not write the report to " + path + ": " + t);
      }
    }
  }
}
