package dev.leakgate.harness.jfr;

import dev.leakgate.internal.probe.ProbeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * A JFR recording of thread starts (with the starting stack) and thread ends in another JVM,
 * driven through its FlightRecorder MXBean. Nothing else is enabled. Reads take a snapshot, which
 * makes the target write out what it buffered, so a read sees every thread started before it.
 * {@link #close} stops and removes the recording; a shutdown hook does the same if the probe JVM
 * is told to exit first, so no recording is left behind in the target.
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
  /**
   * A read asks for the chunks that ended after the previous read began, less this margin: chunk
   * times come from the recorder's clock, and a thread seen twice is counted once.
   */
  private static final Duration OVERLAP = Duration.ofMillis(250);

  /** What the MXBean says when no chunk ended in the interval asked for yet. */
  private static final String NO_DATA = "No recording data available";

  private final JMXConnector connector;
  private final FlightRecorderMXBean recorder;
  private final String target;
  private final long id;
  private final Thread closeOnExit;
  private Instant nextReadFrom;
  private boolean closed;

  private ThreadRecording(JMXConnector connector, FlightRecorderMXBean recorder, String target, long id) {
    this.connector = connector;
    this.recorder = recorder;
    this.target = target;
    this.id = id;
    this.closeOnExit = new Thread(this::closeQuietly, "leakgate-jfr-close");
  }

  /**
   * Starts the recording in the JVM behind {@code connector} ({@code target} names it in messages);
   * closes the connector when it cannot.
   */
  public static ThreadRecording start(JMXConnector connector, String target) {
    FlightRecorderMXBean recorder;
    long id;
    try {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName name = new ObjectName(FlightRecorderMXBean.MXBEAN_NAME);
      if (!server.isRegistered(name)) {
        throw new ProbeException(target + " has no JDK Flight Recorder (its Java runtime lacks the jdk.management.jfr"
            + " module, or JFR is disabled); start it with the LeakGate agent instead");
      }
      recorder = JMX.newMXBeanProxy(server, name, FlightRecorderMXBean.class);
      id = recorder.newRecording();
    } catch (ProbeException e) {
      closeConnector(connector);
      throw e;
    } catch (IOException | MalformedObjectNameException | RuntimeException e) {
      closeConnector(connector);
      throw new ProbeException("cannot create a JFR recording in " + target + ": " + message(e), e);
    }
    ThreadRecording recording = new ThreadRecording(connector, recorder, target, id);
    try {
      Runtime.getRuntime().addShutdownHook(recording.closeOnExit);
      recorder.setRecordingSettings(id, SETTINGS);
      recorder.setRecordingOptions(id, Map.of("name", NAME, "disk", "true", "maxAge", MAX_AGE));
      recording.nextReadFrom = Instant.now();
      recorder.startRecording(id);
      return recording;
    } catch (RuntimeException e) {
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
      data = readSnapshot(from);
    } catch (IOException | RuntimeException e) {
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

  /** Stops and removes the recording and closes the connection; once is enough. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(closeOnExit);
    } catch (IllegalStateException alreadyExiting) {
      // called from the hook itself, or while the JVM exits: the hook is running or done
    }
    try {
      recorder.closeRecording(id);
    } catch (IOException | RuntimeException gone) {
      // the target exited: its recording went with it
    } finally {
      closeConnector(connector);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException ignored) {
      // the probe is exiting; nothing more can be done
    }
  }

  private static void closeConnector(JMXConnector connector) {
    try {
      connector.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
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
