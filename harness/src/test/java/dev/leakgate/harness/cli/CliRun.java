package dev.leakgate.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import picocli.CommandLine;

/**
 * One {@code leakgate} command run in this JVM, as the tests see it: exit code, what it printed on
 * stdout and stderr, and how long it took.
 */
public record CliRun(int exit, String out, String err, Duration took) {

  /** Runs {@code leakgate ARGS} and returns what happened. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = LeakGateCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    long start = System.nanoTime();
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
  }
}
