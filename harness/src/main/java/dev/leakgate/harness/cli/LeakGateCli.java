package dev.leakgate.harness.cli;

import java.io.PrintWriter;
import dev.leakgate.reports.cli.GateCommand;
import dev.leakgate.reports.cli.RenderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code leakgate} command: one subcommand per task. Exit codes: 0 pass, 1 gate failed, 2 usage or input error, 3 internal error. */
@Command(
    name = "leakgate",
    mixinStandardHelpOptions = true,
    versionProvider = LeakGateCli.Version.class,
    description = "Finds OpenTelemetry components created per request instead of once.",
    subcommands = {
      ServeCommand.class,
      ProbeCommand.class,
      StatusCommand.class,
      DemoCommand.class,
      GateCommand.class,
      RenderCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class LeakGateCli implements Runnable {
  @Spec CommandSpec spec;

  /** Runs the command line and exits with its exit code (2 for a usage error). */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for callers that capture output instead of exiting. */
  public static CommandLine commandLine() {
    return new CommandLine(new LeakGateCli())
        .setHelpFactory(WholeWordHelp.FACTORY)
        .setParameterExceptionHandler(LeakGateCli::usageError)
        .setExecutionExceptionHandler(LeakGateCli::internalError);
  }

  /** Exit code of a crash inside a command: distinct from 1, which means the gate failed. */
  public static final int EXIT_INTERNAL_ERROR = 3;

  // a bug of ours must never read as "the gate failed" (1) or "your input is wrong" (2)
  private static int internalError(Exception e, CommandLine failed, CommandLine.ParseResult parsed) {
    PrintWriter err = failed.getErr();
    err.println("leakgate " + failed.getCommandName() + ": internal error: " + e);
    e.printStackTrace(err);
    return EXIT_INTERNAL_ERROR;
  }

  /** Without a subcommand there is nothing to do but show what there is. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  // one clear line and a hint, instead of the whole usage text after every typo
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println(failed.getColorScheme().errorText(e.getMessage()));
    err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
    return failed.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The version from the jar manifest; {@code dev} when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = LeakGateCli.class.getPackage().getImplementationVersion();
      return new String[] {"leakgate " + (version == null ? "dev" : version)};
    }
  }
}
