package dev.leakgate.agent.report;

import dev.leakgate.agent.AgentMain;
import dev.leakgate.agent.registry.Registry;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the report file when the JVM exits ({@code report=FILE|FOLDER/}), after the application's own shutdown hooks. */
public final class ReportFile {
  private ReportFile() {}

  /**
   * Registers a shutdown hook that writes the report to {@code location}, creating its folders then,
   * after the application's hooks or before one of them halts the JVM ({@code inst} lets it wait for that).
   */
  public static void writeAtExit(ReportLocation location, boolean quiet, Instrumentation inst) {
    Thread hook = new Thread(new AtExit(location, quiet, inst), "leakgate-report");
    hook.setDaemon(false);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The shutdown hook; a class rather than a lambda, which would cost premain a bootstrap. */
  private static final class AtExit implements Runnable {
    private final ReportLocation location;
    private final boolean quiet;
    private final Instrumentation inst;

    AtExit(ReportLocation location, boolean quiet, Instrumentation inst) {
      this.location = location;
      this.quiet = quiet;
      this.inst = inst;
    }

    @Override
    public void run() {
      AfterApplicationHooks.run(new Writer(location.file(ProcessHandle.current().pid()).toPath(), quiet), inst);
    }
  }

  /**
   * Writes {@code json} to {@code path} atomically: a temporary file of its own (exclusive create,
   * owner-only, {@code .NAME-*.tmp} beside it) moved into place, so readers never see half a file and
   * JVMs exiting together never share a temporary file.
   */
  public static void write(Path path, String json) throws IOException {
    Path absolute = path.toAbsolutePath();
    Path folder = absolute.getParent();
    Files.createDirectories(folder);
    Path tmp = Files.createTempFile(folder, "." + absolute.getFileName() + "-", ".tmp");
    try {
      Files.write(tmp, json.getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static final class Writer implements Runnable {
    private final Path path;
    private final boolean quiet;

    Writer(Path path, boolean quiet) {
      this.path = path;
      this.quiet = quiet;
    }

    @Override
    public void run() {
      try {
        write(path, ReportJson.toJson(Registry.snapshot(), "agent", AgentMain.version()));
        if (!quiet) {
          System.err.println("leakgate: report written to " + path);
        }
      } catch (Throwable t) {
        System.err.println("leakgate: could not write the report to " + path + ": " + t);
      }
    }
  }
}
