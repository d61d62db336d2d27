package compare.app;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The application code both twins call: seven shapes that leave a thread-owning component live and
 * eight that do not. Each line that builds a component ends in {@code // creates: SHAPE}; the script
 * reads those markers to tell whether a tool's message names the creating line.
 */
public final class Shapes {
  private Shapes() {}

  // ---- leaks: each builds a thread-owning component and leaves it running ----

  /** A pool built per call and never shut down: its idle workers wait for work forever. */
  public static int poolNeverShutDown() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2); // creates: poolNeverShutDown
    return pool.submit(() -> 21 * 2).get();
  }

  /** An application class that starts a scheduler in its constructor; the caller never closes it. */
  public static double schedulerInApplicationClass() {
    return new PriceFeed().latest();
  }

  /** A {@link Timer} with a repeating task that nobody cancels. */
  public static void timerNeverCancelled() throws InterruptedException {
    Timer expiry = new Timer("cache-expiry", true); // creates: timerNeverCancelled
    CountDownLatch ran = new CountDownLatch(1);
    expiry.schedule(task(ran), 0, 50);
    ran.await();
  }

  /** A {@link ForkJoinPool} of its own (not the common pool), never shut down. */
  public static long forkJoinPoolNeverShutDown() {
    ForkJoinPool pool = new ForkJoinPool(2); // creates: forkJoinPoolNeverShutDown
    return pool.submit(() -> IntStream.range(0, 1_000).parallel().asLongStream().sum()).join();
  }

  /** A {@link HttpClient} built per call (its selector thread lives on until the client is collected or closed). */
  public static int httpClientPerCall(URI server) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient(); // creates: httpClientPerCall
    return client.send(HttpRequest.newBuilder(server).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** A raw heartbeat thread that runs until interrupted, and nobody stops it. */
  public static void threadLeftRunning() throws InterruptedException {
    CountDownLatch beating = new CountDownLatch(1);
    Runnable beat = () -> beat(beating);
    Thread heartbeat = new Thread(beat, "heartbeat"); // creates: threadLeftRunning
    heartbeat.setDaemon(true);
    heartbeat.start(); // creates: threadLeftRunning
    beating.await();
  }

  /** OpenTelemetry built per call: a tracer provider whose batch processor (exporting nowhere) is never shut down. */
  public static void batchSpanProcessorNeverShutDown() {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build()) // creates: batchSpanProcessorNeverShutDown
        .build();
    provider.get("per-call").spanBuilder("request").startSpan().end();
  }

  // ---- correct: nothing is left that the test built ----

  /** A pool shut down and awaited. */
  public static int poolShutDownAndAwaited() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      return pool.submit(() -> 21 * 2).get();
    } finally {
      pool.shutdown();
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("pool did not terminate");
      }
    }
  }

  /** A pool held in a static field, built once; its first worker starts in the test that first uses it. */
  public static int staticPoolStartsWorkersLazily() throws Exception {
    return Workers.POOL.submit(() -> 21 * 2).get();
  }

  /** {@link CompletableFuture#supplyAsync}: the JDK's common pool runs it. */
  public static int commonPoolSupplyAsync() {
    return CompletableFuture.supplyAsync(() -> 21 * 2).join();
  }

  /** A parallel stream: the JDK's common pool runs it. */
  public static long commonPoolParallelStream() {
    return IntStream.range(0, 100_000).parallel().asLongStream().sum();
  }

  /** A timer cancelled once its task has run. */
  public static void timerCancelled() throws InterruptedException {
    Timer once = new Timer("one-shot", true);
    try {
      CountDownLatch ran = new CountDownLatch(1);
      once.schedule(task(ran), 0);
      ran.await();
    } finally {
      once.cancel();
    }
  }

  /** A thread started and joined. */
  public static void threadJoined() throws InterruptedException {
    Thread worker = new Thread(() -> {}, "one-off");
    worker.start();
    worker.join();
  }

  /** OpenTelemetry built once in a static field, as its advice says; the first use starts its worker. */
  public static void sdkInStaticField() {
    Tracer tracer = Telemetry.TRACER;
    tracer.spanBuilder("request").startSpan().end();
  }

  /** One {@link HttpClient} for the process, in a static field; the first call starts its threads. */
  public static int httpClientInStaticField(URI server) throws IOException, InterruptedException {
    return Clients.HTTP.send(HttpRequest.newBuilder(server).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static TimerTask task(CountDownLatch ran) {
    return new TimerTask() {
      @Override
      public void run() {
        ran.countDown();
      }
    };
  }

  private static void beat(CountDownLatch beating) {
    beating.countDown();
    try {
      while (true) {
        Thread.sleep(50);
      }
    } catch (InterruptedException stop) {
      // a well-behaved thread: an interrupt ends it
    }
  }

  /** The process-wide pool (built by this class's static initialiser). */
  private static final class Workers {
    static final ExecutorService POOL = Executors.newCachedThreadPool();
  }

  /** The process-wide HTTP client (built by this class's static initialiser). */
  private static final class Clients {
    static final HttpClient HTTP = HttpClient.newHttpClient();
  }
}
