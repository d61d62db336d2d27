package dev.leakgate.harness.jfr;

import dev.leakgate.harness.registry.JmxConnection;
import dev.leakgate.internal.probe.ProbeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMX;
import javax.management.ObjectName;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * A JFR recording of thread starts (with the starting stack) and thread ends in another JVM,
 * driven through its FlightRecorder MXBean. Nothing else is enabled. Reads take a snapshot, which
 * makes the target write out what it buffered, so a read sees every thread started before it.
 * Every remote step is bounded by the connection's timeout (the probe's {@code --timeout}).
 * {@link #close} stops and removes the recording; a shutdown hook does the same (or waits for a close
 * under way) if the probe JVM is told to exit first. A target that stops answering (SIGSTOP) cannot
 * remove anything, so the recording also holds a lease, {@value #LEASE_TIMEOUTS} timeouts long and
 * renewed every timeout while the probe runs: once the target runs again, it stops by itself.
 */
public final class ThreadRecording implements AutoCloseable {
  /** The recording's name in {@code jcmd PID JFR.check}. */
  public static final String NAME = "leakgate-probe";
  /** Thread start with its stack, thread end: all the probe needs, so the target pays for no other event. */
  static final Map<String, String> SETTINGS = Map.of(
      "jdk.ThreadStart#enabled", "true",
      "jdk.ThreadStart#stackTrace", "true",
      "jdk.ThreadEnd#enabled", "true");
  /** Bounds the target's disk use should the probe vanish without closing the recording (kill -9). */
  private static final String MAX_AGE = "15m";
  /** The lease, in timeouts: renewed every timeout, so two renewals may fail before it ends. */
  static final int LEASE_TIMEOUTS = 3;
  /**
   * A read asks for the chunks that ended after the previous read began, less this margin: chunk
   * times come from the recorder's clock, and a thread seen twice is counted once.
   */
  private static final Duration OVERLAP = Duration.ofMillis(250);

  /** What the MXBean says when no chunk ended in the interval asked for yet. */
  private static final String NO_DATA = "No recording data available";

  private final JmxConnection connection;
  private final FlightRecorderMXBean recorder;
  private final String target;
  private final long id;
  private final Thread closeOnExit;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final ScheduledExecutorService renewer;
  private Instant startedAt;
  private Instant nextReadFrom;

  private ThreadRecording(JmxConnection connection, FlightRecorderMXBean recorder, long id) {
    this.connection = connection;
    this.recorder = recorder;
    this.target = connection.target();
    this.id = id;
    this.closeOnExit = new Thread(this::closeOnExit, "leakgate-jfr-close");
    this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "leakgate-jfr-lease");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts the recording in the JVM behind {@code connection}; closes the connection when it cannot. */
  public static ThreadRecording start(JmxConnection connection) {
    String target = connection.target();
    FlightRecorderMXBean recorder;
    long id;
    try {
      ObjectName name = new ObjectName(FlightRecorderMXBean.MXBEAN_NAME);
      if (!connection.call("whether it has a Flight Recorder", server -> server.isRegistered(name))) {
        throw new ProbeException(target + " has no JDK Flight Recorder (its Java runtime lacks the jdk.management.jfr"
            + " module, or JFR is disabled); start it with the LeakGate agent instead");
      }
      recorder = connection.call("the Flight Recorder proxy", server -> JMX.newMXBeanProxy(server, name, FlightRecorderMXBean.class));
      id = connection.call("the creation of a JFR recording", server -> recorder.newRecording());
    } catch (ProbeException e) {
      connection.close();
      throw e;
    } catch (Exception e) {
      connection.close();
      throw new ProbeException("cannot create a JFR recording in " + target + ": " + message(e), e);
    }
    ThreadRecording recording = new ThreadRecording(connection, recorder, id);
    try {
      Runtime.getRuntime().addShutdownHook(recording.closeOnExit);
      connection.call("the recording's options", server -> {
        recorder.setRecordingOptions(id, Map.of("name", NAME, "disk", "true", "maxAge", MAX_AGE,
            "duration", seconds(recording.lease())));
        return null;
      });
      recording.startedAt = Instant.now();
      // started with no event enabled: the timer thread JFR starts for the duration is not recorded
      connection.call("the start of the recording", server -> {
        recorder.startRecording(id);
        return null;
      });
      recording.nextReadFrom = Instant.now();
      connection.call("the recording's settings", server -> {
        recorder.setRecordingSettings(id, SETTINGS);
        return null;
      });
      long every = connection.timeout().toMillis();
      recording.renewer.scheduleWithFixedDelay(recording::renewLease, every, every, TimeUnit.MILLISECONDS);
      return recording;
    } catch (ProbeException e) {
      recording.close();
      throw e;
    } catch (Exception e) {
      recording.close();
      throw new ProbeException("cannot start a JFR recording in " + target + ": " + message(e), e);
    }
  }

  /** The thread events recorded since the previous read (or the start), possibly with some seen before. */
  public List<RecordedEvent> readNewEvents() {
    Instant from = nextReadFrom.minus(OVERLAP);
    Instant now = Instant.now();
    byte[] data;
    try {
      data = connection.call("a read of the JFR recording", server -> readSnapshot(from));
    } catch (ProbeException e) {
      throw e;
    } catch (Exception e) {
      throw new ProbeException("cannot read the JFR recording of " + target + " (did the JVM exit?): " + message(e), e);
    }
    nextReadFrom = now;
    if (data.length == 0) {
      return List.of();
    }
    try {
      Path file = Files.createTempFile("leakgate-threads-", ".jfr");
      try {
        Files.write(file, data);
        return RecordingFile.readAllEvents(file).stream()
            .filter(e -> SETTINGS.containsKey(e.getEventType().getName() + "#enabled"))
            .toList();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new ProbeException("cannot parse the JFR data of " + target + ": " + message(e), e);
    }
  }

  private Duration lease() {
    return connection.timeout().multipliedBy(LEASE_TIMEOUTS);
  }

  /** Moves the end of the recording's duration to a lease from now (a duration counts from its start). */
  private void renewLease() {
    try {
      Duration end = Duration.between(startedAt, Instant.now()).plus(lease());
      connection.call("the renewal of the recording's lease", server -> {
        recorder.setRecordingOptions(id, Map.of("duration", seconds(end)));
        return null;
      });
    } catch (Exception e) {
      // a target that stopped answering: the next read says so; the lease then ends the recording
    }
  }

  /** The chunks that ended at or after {@code from}, flushed by a snapshot that is removed again. */
  private byte[] readSnapshot(Instant from) throws IOException {
    long snapshot = recorder.takeSnapshot();
    try {
      long stream;
      try {
        stream = recorder.openStream(snapshot, Map.of("startTime", from.toString()));
      } catch (IOException e) {
        if (String.valueOf(e.getMessage()).contains(NO_DATA)) {
          return new byte[0];
        }
        throw e;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        for (byte[] block; (block = recorder.readStream(stream)) != null; ) {
          out.write(block);
        }
      } finally {
        recorder.closeStream(stream);
      }
      return out.toByteArray();
    } finally {
      recorder.closeRecording(snapshot);
    }
  }

  /**
   * Stops and removes the recording and closes the connection, each step bounded by the timeout;
   * once is enough: a second caller waits for the first to finish.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      awaitClosed();
      return;
    }
    renewer.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(closeOnExit);
    } catch (IllegalStateException alreadyExiting) {
      // called from the hook itself, or while the JVM exits: the hook is running or done
    }
    try {
      connection.call("the removal of the JFR recording", server -> {
        recorder.closeRecording(id);
        return null;
      });
    } catch (Exception gone) {
      // the target exited (its recording went with it) or stopped answering (the lease ends it once it runs)
    } finally {
      connection.close();
      closed.countDown();
    }
  }

  /** The shutdown hook: closes, or waits for the close the probe began. */
  private void closeOnExit() {
    try {
      close();
    } catch (RuntimeException ignored) {
      // the probe is exiting; nothing more can be done
    }
  }

  private void awaitClosed() {
    try {
      // the removal, then the connection's close: each bounded by the timeout
      closed.await(connection.timeout().multipliedBy(2).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String seconds(Duration duration) {
    return Math.max(1, duration.toSeconds()) + " s";
  }

  /** The innermost message of a JMX failure: the proxy wraps the target's exception. */
  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public String toString() {
    return "ThreadRecording{" + NAME + " #" + id + " in " + target + ", events=" + SETTINGS.keySet() + "}";
  }
}
