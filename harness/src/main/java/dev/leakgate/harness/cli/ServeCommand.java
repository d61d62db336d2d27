package dev.leakgate.harness.cli;

import dev.leakgate.harness.service.CreateAgentService;
import dev.leakgate.harness.service.Variant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakgate serve}: runs the reference crewAI-style service until SIGINT or SIGTERM. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the reference crewAI-style service: POST /create_agent, GET /threads, GET /healthz.",
      "Prints one line with the address, then serves until interrupted (Ctrl-C or SIGTERM)."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--variant",
      defaultValue = "leaky",
      converter = VariantConverter.class,
      completionCandidates = VariantLabels.class,
      paramLabel = "VARIANT",
      description = {"How telemetry is wired. Default: ${DEFAULT-VALUE}.", "One of: ${COMPLETION-CANDIDATES}."})
  Variant variant;

  @Option(
      names = "--host",
      defaultValue = CreateAgentService.DEFAULT_HOST,
      paramLabel = "HOST",
      description = "Address to bind. Default: ${DEFAULT-VALUE} (loopback only).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8000",
      paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free port and prints it. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--pool-size",
      defaultValue = "" + CreateAgentService.DEFAULT_POOL_SIZE,
      paramLabel = "N",
      description = "Threads running createAgent after each response. Default: ${DEFAULT-VALUE}.")
  int poolSize;

  @Option(
      names = "--queue-capacity",
      defaultValue = "" + CreateAgentService.DEFAULT_QUEUE_CAPACITY,
      paramLabel = "N",
      description = "Most createAgent calls waiting for a pool thread; when full, POST /create_agent answers "
          + "503 with a JSON error and submits nothing. Default: ${DEFAULT-VALUE}.")
  int queueCapacity;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    CreateAgentService service = configured().start();
    Thread closeOnSignal = new Thread(() -> stop(service), "leakgate-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(closeOnSignal);
    try {
      spec.commandLine().getOut().println(
          "leakgate serve: variant=" + variant.label() + " listening on " + stripSlash(service.uri().toString()));
      spec.commandLine().getOut().flush();
      stopped.await();
    } finally {
      stop(service);
      removeHook(closeOnSignal);
    }
    return CommandLine.ExitCode.OK;
  }

  /** Stops a running {@code serve} as a signal would; for in-process callers. */
  void stop() {
    stopped.countDown();
  }

  private void stop(CreateAgentService service) {
    service.close();
    stopped.countDown();
  }

  private CreateAgentService configured() {
    try {
      return CreateAgentService.builder().variant(variant).host(host).port(port).poolSize(poolSize)
          .queueCapacity(queueCapacity).build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; nothing left to undo
    }
  }

  private static String stripSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /** Turns {@code --variant} text into a {@link Variant}, naming the allowed ones otherwise. */
  static final class VariantConverter implements CommandLine.ITypeConverter<Variant> {
    @Override
    public Variant convert(String value) {
      try {
        return Variant.fromLabel(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The variant labels, for help text and shell completion. */
  static final class VariantLabels implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Variant.values()).map(Variant::label).iterator();
    }
  }
}
