package dev.leakgate.harness.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.api.LeakGate;
import dev.leakgate.api.Scope;
import dev.leakgate.reports.render.ReportText;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference crewAI-style service: {@code POST /create_agent} answers at once and runs
 * {@code createAgent(payload)} on a pool, which builds an agent, a task, a crew and an LLM client
 * with the telemetry wiring of its {@link Variant}.
 *
 * <p>Also serves {@code GET /threads} (a {@link ThreadCensus} plus the wiring's counts) and
 * {@code GET /healthz}. Start it in-process with {@link #builder()}; {@link #close()} stops the
 * server and the pool and shuts down every telemetry component the service still owns. The
 * {@code leaky} variant's per-request processors are owned by nobody, so they outlive {@code close()},
 * exactly as in the real buggy service.
 */
public final class CreateAgentService implements AutoCloseable {
  /** Largest accepted body: 1 MiB. Javalin's own default (1,000,000 bytes) is replaced by this. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Loopback only unless asked otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Port 0: the OS picks a free port; read it back with {@link #port()}. */
  public static final int DEFAULT_PORT = 0;

  /** Pool size of the original service's executor. */
  public static final int DEFAULT_POOL_SIZE = 4;

  /**
   * Most {@code createAgent} calls waiting for a pool thread; when that many wait, {@code POST
   * /create_agent} answers 503 and submits nothing. 256 is the probe's largest {@code --concurrency},
   * so one round of requests never meets a 503 from an idle pool; each waiting call holds its parsed
   * body (at most {@link #MAX_BODY_BYTES}).
   */
  public static final int DEFAULT_QUEUE_CAPACITY = 256;

  /** The id logged when the payload has no {@code agent.id}, as in the original. */
  public static final String AGENT_ID_NOT_FOUND = "Not Found";

  // in-flight createAgent calls are short; this only bounds a stop that would otherwise hang
  private static final Duration POOL_STOP_TIMEOUT = Duration.ofSeconds(10);
  // a fixed pool, all started with the server: a pool that grows on demand (and Jetty's reserved
  // threads, started whenever none is idle) adds threads at moments no warm-up can foresee, which a
  // thread-level probe (JFR) reads as growth. Handlers only submit and answer, so 16 serve a burst.
  private static final int SERVER_THREADS = 16;
  private static final int LOGGED_ID_MAX_CHARS = 200;
  // a client still sending its body never reads a rejection if the server hangs up first, so up to
  // this much of a refused body is read and dropped; beyond it, Jetty closes the connection
  private static final long REJECTED_BODY_DISCARD_BYTES = 16L * MAX_BODY_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(CreateAgentService.class);
  // trailing tokens after the document are invalid JSON, as for Python's json.loads
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Variant variant;
  private final String host;
  private final int requestedPort;
  private final int poolSize;
  private final int queueCapacity;
  private final AtomicLong requestNumbers = new AtomicLong();
  private final DiscardingSpanExporter exporter = new DiscardingSpanExporter();
  private final TelemetryCounter telemetryCounter = new TelemetryCounter();

  private final AtomicLong requestsAccepted = new AtomicLong();
  private final AtomicLong requestsRejected = new AtomicLong();
  private final AtomicLong tasksSubmitted = new AtomicLong();
  private final AtomicLong tasksCompleted = new AtomicLong();
  private final AtomicLong tasksFailed = new AtomicLong();
  private final AtomicLong requestsRefusedQueueFull = new AtomicLong();
  private final AtomicInteger mostQueued = new AtomicInteger();

  // volatile, not guarded: pool threads read them while close() holds the lock waiting for them
  private volatile TelemetryWiring wiring;
  private volatile ThreadPoolExecutor pool;
  private volatile Javalin app;
  private volatile boolean started;
  // kept: Javalin forgets its port once stopped, and uri() should still name where it was
  private volatile int boundPort = -1;
  private boolean closed;

  private CreateAgentService(Builder builder) {
    this.variant = builder.variant;
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.poolSize = builder.poolSize;
    this.queueCapacity = builder.queueCapacity;
  }

  /** A builder with the defaults: {@code fixed}, 127.0.0.1, port 0, pool size 4, queue capacity 256. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds the telemetry wiring and the pool, then starts the HTTP server; returns this. */
  public synchronized CreateAgentService start() {
    if (closed) {
      throw new IllegalStateException("Service already closed: " + this);
    }
    if (started) {
      throw new IllegalStateException("Service already started: " + this);
    }
    started = true;
    wiring = TelemetryWiring.forVariant(variant, exporter, telemetryCounter);
    pool = newAgentPool(poolSize, queueCapacity);
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      // its watcher thread would show up in every /threads census as an unexplained extra
      config.startup.startupWatcherEnabled = false;
      config.jetty.host = host;
      config.jetty.port = requestedPort;
      config.jetty.threadPool = newServerPool();
      // Javalin enforces this when it reads a body itself; the create_agent handler checks it explicitly
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.http.prefer405over404 = true;
      config.jsonMapper(new JavalinJackson(JSON, false));
      config.routes.post("/create_agent", this::createAgentRequest);
      config.routes.get("/threads", ctx -> ctx.json(threadsReport()));
      config.routes.get("/healthz", ctx -> ctx.json(health()));
      config.routes.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> {
        if (ctx.path().equals("/create_agent")) {
          requestsRejected.incrementAndGet();
        }
        discardUpTo(ctx.req().getInputStream(), REJECTED_BODY_DISCARD_BYTES);
        ctx.json(Map.of("error", "Method not allowed"));
      });
    });
    try {
      app.start();
      boundPort = app.port();
      firstRequest();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /**
   * Sends the server its first request, alone, before start() returns, so no caller that waits for
   * start() sends it: Javalin builds part of its servlet configuration lazily at the first request,
   * without a lock, and two first requests at once can fail with a NullPointerException (seen as a
   * 500 when a racy demo round opened with 8 concurrent calls). A plain socket, so no client thread
   * is left behind in the thread census.
   */
  private void firstRequest() {
    String target = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") || host.equals("[::]") ? "::1" : host;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target, boundPort), 5_000);
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[1024];
      while (in.read(buffer) >= 0) {
        // drain the answer until the server closes the connection
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the service started on port " + boundPort + " but did not answer its first request: " + e.getMessage(), e);
    }
  }

  /** The port the server listens on (the chosen one when built with port 0). */
  public int port() {
    requireStarted();
    return boundPort;
  }

  /** The base URI, e.g. {@code http://127.0.0.1:8000/}. */
  public URI uri() {
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + hostPart + ":" + port() + "/");
  }

  /** The telemetry wiring this service uses. */
  public Variant variant() {
    return variant;
  }

  /** Size of the {@code createAgent} pool. */
  public int poolSize() {
    return poolSize;
  }

  /** Most {@code createAgent} calls that may wait for a pool thread. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** {@code createAgent} calls waiting for a pool thread now. */
  public int queuedTasks() {
    ThreadPoolExecutor current = pool;
    return current == null ? 0 : current.getQueue().size();
  }

  /** The most {@code createAgent} calls seen waiting at once, read after each submit. */
  public int mostQueuedTasks() {
    return mostQueued.get();
  }

  /** {@code POST /create_agent} requests answered 503 because the queue was full (also in {@link #requestsRejected()}). */
  public long requestsRefusedQueueFull() {
    return requestsRefusedQueueFull.get();
  }

  /** {@code POST /create_agent} requests answered 200 (each submitted one task). */
  public long requestsAccepted() {
    return requestsAccepted.get();
  }

  /** {@code /create_agent} requests refused (405, 413, 415, 400, 503); none submitted anything. */
  public long requestsRejected() {
    return requestsRejected.get();
  }

  /** {@code createAgent} tasks handed to the pool. */
  public long tasksSubmitted() {
    return tasksSubmitted.get();
  }

  /** {@code createAgent} tasks finished, failed ones included. */
  public long tasksCompleted() {
    return tasksCompleted.get();
  }

  /** {@code createAgent} tasks that threw. */
  public long tasksFailed() {
    return tasksFailed.get();
  }

  /** True when every submitted task has completed. */
  public boolean idle() {
    // completed first: a task finishing between the two reads can only make this look busy
    long completed = tasksCompleted.get();
    return completed == tasksSubmitted.get();
  }

  /** What the service's telemetry wiring built and shut down so far. */
  public TelemetryCounts telemetry() {
    return telemetryCounter.snapshot(exporter);
  }

  /** Runs one {@code createAgent} call on the calling thread, as a pool thread would. */
  public void createAgent(JsonNode payload) {
    TelemetryWiring current = wiring;
    if (current == null) {
      throw new IllegalStateException("Service not started: " + this);
    }
    String agentId = agentId(payload);
    try (CrewParts parts = current.openCall()) {
      Agent agent = parts.agent(agentId);
      Task task = parts.task("answer the request of " + agentId);
      Crew crew = parts.crew(agent, task);
      LlmClient llm = parts.llmClient();
      crew.kickoff(llm);
    }
  }

  /** Stops the server, then the pool (letting running calls end), then the telemetry it owns. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (app != null) {
      app.stop();
    }
    if (pool != null) {
      stopPool();
    }
    if (wiring != null) {
      wiring.close();
    }
  }

  @Override
  public String toString() {
    return "CreateAgentService{variant=" + variant + ", host=" + host + ", port=" + requestedPort
        + ", poolSize=" + poolSize + ", queueCapacity=" + queueCapacity + "}";
  }

  @SuppressWarnings("try") // the request's scope is opened for its effect: what is built inside belongs to it
  private void createAgentRequest(Context ctx) throws IOException {
    // order matters: content type, then size, then emptiness, then syntax (405 is routing's job)
    String contentType = ctx.header("Content-Type");
    if (contentType != null && !isJson(contentType)) {
      reject(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported content type '" + contentType + "' (expected application/json)");
      return;
    }
    long declaredLength = ctx.req().getContentLengthLong();
    if (declaredLength > MAX_BODY_BYTES) {
      reject(ctx, HttpStatus.CONTENT_TOO_LARGE, "Body larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    byte[] body = readAtMost(ctx.req().getInputStream(), MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      reject(ctx, HttpStatus.CONTENT_TOO_LARGE, "Body larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      reject(ctx, HttpStatus.BAD_REQUEST, "Empty body");
      return;
    }
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (JacksonException e) {
      reject(ctx, HttpStatus.BAD_REQUEST, "Invalid JSON format");
      return;
    }
    LOG.info("Received payload of {}", printable(agentId(payload)));
    boolean submitted;
    // the request's scope travels with the work handed to the pool: what createAgent builds is this request's
    try (Scope request = LeakGate.scope("request-" + requestNumbers.incrementAndGet())) {
      submitted = submit(payload);
    }
    if (!submitted) {
      if (pool.isShutdown()) {
        reject(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Service is stopping");
      } else {
        requestsRefusedQueueFull.incrementAndGet();
        ctx.header("Retry-After", "1");
        reject(ctx, HttpStatus.SERVICE_UNAVAILABLE,
            "Too busy: " + queueCapacity + " createAgent calls already wait for the pool; try again later");
      }
      return;
    }
    requestsAccepted.incrementAndGet();
    ctx.json(Map.of("message", "success"));
  }

  private boolean submit(JsonNode payload) {
    // counted before execute so idle() never sees a running task as done
    tasksSubmitted.incrementAndGet();
    try {
      pool.execute(() -> runCreateAgent(payload));
      mostQueued.accumulateAndGet(pool.getQueue().size(), Math::max);
      return true;
    } catch (RejectedExecutionException e) {
      tasksSubmitted.decrementAndGet();
      return false;
    }
  }

  private void runCreateAgent(JsonNode payload) {
    try {
      createAgent(payload);
    } catch (RuntimeException e) {
      tasksFailed.incrementAndGet();
      LOG.warn("createAgent failed", e);
    } finally {
      tasksCompleted.incrementAndGet();
    }
  }

  private void reject(Context ctx, HttpStatus status, String error) throws IOException {
    requestsRejected.incrementAndGet();
    discardUpTo(ctx.req().getInputStream(), REJECTED_BODY_DISCARD_BYTES);
    ctx.status(status).json(Map.of("error", error));
  }

  private Map<String, Object> threadsReport() {
    ThreadCensus census = ThreadCensus.take();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("variant", variant.label());
    report.put("total", census.total());
    report.put("processorWorkers", census.processorWorkers());
    report.put("agentPool", census.agentPool());
    report.put("serverPool", census.serverPool());
    report.put("jvm", census.jvm());
    report.put("telemetry", telemetry());
    report.put("threads", census.threads());
    return report;
  }

  private Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "ok");
    health.put("variant", variant.label());
    health.put("requestsAccepted", requestsAccepted());
    health.put("requestsRejected", requestsRejected());
    health.put("tasksSubmitted", tasksSubmitted());
    health.put("tasksCompleted", tasksCompleted());
    health.put("tasksFailed", tasksFailed());
    health.put("queueCapacity", queueCapacity());
    health.put("queuedTasks", queuedTasks());
    health.put("mostQueuedTasks", mostQueuedTasks());
    health.put("requestsRefusedQueueFull", requestsRefusedQueueFull());
    health.put("telemetry", telemetry());
    return health;
  }

  private void stopPool() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(POOL_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void requireStarted() {
    if (!started || boundPort < 0) {
      throw new IllegalStateException("Service not started: " + this);
    }
  }

  static String agentId(JsonNode payload) {
    JsonNode id = payload.path("agent").path("id");
    if (id.isMissingNode() || id.isNull()) {
      return AGENT_ID_NOT_FOUND;
    }
    return id.isValueNode() ? id.asText() : id.toString();
  }

  static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    // never buffers more than the limit, whatever the client claims or streams
    return in.readNBytes(limit);
  }

  private static void discardUpTo(InputStream in, long limit) throws IOException {
    byte[] sink = new byte[8192];
    long discarded = 0;
    for (int read; discarded < limit && (read = in.read(sink)) != -1; ) {
      discarded += read;
    }
  }

  // ids come from the client: keep log lines single and short
  private static String printable(String agentId) {
    String single = ReportText.line(agentId);
    return single.length() <= LOGGED_ID_MAX_CHARS ? single : single.substring(0, LOGGED_ID_MAX_CHARS) + "...";
  }

  private static ThreadPoolExecutor newAgentPool(int size, int queueCapacity) {
    AtomicInteger next = new AtomicInteger(1);
    ThreadFactory named = task -> {
      Thread thread = new Thread(task, ThreadRole.AGENT_POOL_PREFIX + next.getAndIncrement());
      // daemon, so an in-process user that forgets close() cannot keep the JVM alive
      thread.setDaemon(true);
      return thread;
    };
    // threads start on demand, so the first request's thread jump shows the pool thread it started;
    // a bounded queue: work accepted after answering 200 can never pile up without limit
    return new ThreadPoolExecutor(size, size, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(queueCapacity), named);
  }

  private static QueuedThreadPool newServerPool() {
    QueuedThreadPool threads = new QueuedThreadPool(SERVER_THREADS, SERVER_THREADS);
    threads.setName(ThreadRole.SERVER_POOL_PREFIX.substring(0, ThreadRole.SERVER_POOL_PREFIX.length() - 1));
    return threads;
  }

  /** Configures a {@link CreateAgentService}; every setting has a default. */
  public static final class Builder {
    private Variant variant = Variant.FIXED;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int poolSize = DEFAULT_POOL_SIZE;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

    private Builder() {}

    /** The telemetry wiring; default {@code fixed}. */
    public Builder variant(Variant variant) {
      this.variant = Objects.requireNonNull(variant, "variant");
      return this;
    }

    /** The address to bind; default 127.0.0.1. */
    public Builder host(String host) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host.trim();
      return this;
    }

    /** The port to bind, 0 for any free port; default 0. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Threads of the {@code createAgent} pool; default 4. */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1) {
        throw new IllegalArgumentException("pool size must be at least 1, was " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /** Most {@code createAgent} calls waiting for a pool thread before requests get 503; default 256. */
    public Builder queueCapacity(int queueCapacity) {
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1, was " + queueCapacity);
      }
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** A service with these settings, not started yet. */
    public CreateAgentService build() {
      return new CreateAgentService(this);
    }

    /** Builds and starts the service. */
    public CreateAgentService start() {
      return build().start();
    }
  }
}
