package dev.leakgate.harness.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.harness.service.DiscardingSpanExporter;
import dev.leakgate.reports.model.Kinds;
import io.opentelemetry.leakgatetest.PollingSender;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution of real thread-start events, recorded in this JVM with the probe's own settings. */
class ThreadOriginTest {
  @TempDir Path dir;

  /** The origin of every thread started while {@code work} ran, by thread name. */
  private Map<String, ThreadOrigin> originsOfThreadsStartedBy(Runnable work) throws Exception {
    Path file = dir.resolve("threads.jfr");
    try (Recording recording = new Recording()) {
      recording.setSettings(ThreadRecording.SETTINGS);
      recording.start();
      work.run();
      recording.stop();
      recording.dump(file);
    }
    Map<String, ThreadOrigin> origins = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (event.getEventType().getName().equals("jdk.ThreadStart")) {
        String name = event.getThread("thread").getJavaName();
        origins.put(name, ThreadOrigin.of(event.getStackTrace(), name));
      }
    }
    return origins;
  }

  @Test
  void aBatchWorkerBelongsToItsProcessorAndToTheLineThatBuiltIt() throws Exception {
    BatchSpanProcessor[] built = new BatchSpanProcessor[1];
    int line = new Throwable().getStackTrace()[0].getLineNumber() + 2;
    Map<String, ThreadOrigin> origins = originsOfThreadsStartedBy(() -> {
      built[0] = BatchSpanProcessor.builder(new DiscardingSpanExporter()).build();
    });
    built[0].shutdown().join(5, TimeUnit.SECONDS);

    ThreadOrigin worker = origins.get("BatchSpanProcessor_WorkerThread-1");
    assertThat(worker).isNotNull();
    assertThat(worker.kind()).isEqualTo("BatchSpanProcessor");
    assertThat(worker.site()).startsWith(ThreadOriginTest.class.getName() + ".lambda$")
        .endsWith("(ThreadOriginTest.java:" + line + ")");
    assertThat(worker.namePattern()).isEqualTo("BatchSpanProcessor_WorkerThread-*");
    assertThat(worker.stack()).anyMatch(frame -> frame.startsWith("io.opentelemetry.sdk.trace.export.BatchSpanProcessor.<init>("));
  }

  @Test
  void aPoolThreadIsOfKindThreadWithItsNumbersFolded() throws Exception {
    ExecutorService[] pool = new ExecutorService[1];
    Map<String, ThreadOrigin> origins = originsOfThreadsStartedBy(() -> {
      pool[0] = Executors.newFixedThreadPool(1);
      pool[0].submit(() -> { });
    });
    pool[0].shutdown();

    ThreadOrigin thread = origins.values().stream()
        .filter(o -> o != null && o.namePattern().equals("pool-*-thread-*")).findFirst().orElseThrow();
    assertThat(thread.kind()).isEqualTo(ThreadOrigin.THREAD_KIND);
    assertThat(thread.site()).startsWith(ThreadOriginTest.class.getName() + ".lambda$");
  }

  @Test
  void aThreadOfAnOpenTelemetryClassThatIsNoKnownKindIsOfKindThread() throws Exception {
    PollingSender[] sender = new PollingSender[1];
    Map<String, ThreadOrigin> origins = originsOfThreadsStartedBy(() -> sender[0] = new PollingSender());
    sender[0].close();

    ThreadOrigin thread = origins.get("polling-sender");
    assertThat(thread).isNotNull();
    assertThat(thread.kind()).isEqualTo(ThreadOrigin.THREAD_KIND).isIn(Kinds.KNOWN);
    assertThat(thread.site()).startsWith(ThreadOriginTest.class.getName() + ".lambda$");
  }

  @Test
  void numbersInThreadNamesAreFolded() {
    assertThat(ThreadOrigin.foldNumbers("pool-12-thread-3")).isEqualTo("pool-*-thread-*");
    assertThat(ThreadOrigin.foldNumbers("create-agent-1")).isEqualTo("create-agent-*");
    assertThat(ThreadOrigin.foldNumbers("main")).isEqualTo("main");
  }

  @Test
  void sdkJdkAndAgentFramesAreNeverCulprits() {
    assertThat(ThreadOrigin.isInternal("io.opentelemetry.sdk.trace.export.BatchSpanProcessor")).isTrue();
    assertThat(ThreadOrigin.isInternal("java.util.concurrent.ThreadPoolExecutor")).isTrue();
    assertThat(ThreadOrigin.isInternal("dev.leakgate.agent.LauncherAgent")).isTrue();
    assertThat(ThreadOrigin.isInternal("dev.leakgate.harness.service.Agent")).isFalse();
  }
}
