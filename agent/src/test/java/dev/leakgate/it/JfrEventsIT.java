package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.it.samples.BuildsUnderARecording;
import dev.leakgate.it.samples.StreamsItsOwnComponents;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LeakGate's JDK Flight Recorder events, read back with {@code jdk.jfr.consumer} on JDK 17 and 25:
 * from a recording started on the command line (nothing else set up), and from a stream the
 * application opens long after the agent started.
 */
class JfrEventsIT {

  @TempDir Path dir;

  private static ForkedJvm jvm(String jdk) {
    return ForkedJvm.onJdk(jdk).testClassesAndCurrentSdk();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void aRecordingStartedOnTheCommandLineHoldsEachCreationAndShutdownAndTheLiveCountsPerKind(String jdk) throws Exception {
    Path recording = dir.resolve("leakgate.jfr");
    ForkedJvm.Result result = jvm(jdk).agent("log=quiet")
        .jvmArg("-XX:StartFlightRecording:filename=" + recording)
        .run(BuildsUnderARecording.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("counted");
    assertThat(result.errLines()).isEmpty();
    List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
    String sample = BuildsUnderARecording.class.getName();
    String buildLine = sample + ".main(BuildsUnderARecording.java:" + SourceLines.lineOf(BuildsUnderARecording.class, "BUILD-LINE") + ")";

    List<RecordedEvent> created = named(events, "dev.leakgate.ComponentCreated");
    assertThat(created).hasSize(3).allSatisfy(event -> {
      assertThat(event.getString("kind")).isEqualTo("BatchSpanProcessor");
      assertThat(event.getString("site")).isEqualTo(buildLine);
      assertThat(event.getString("scope")).isEqualTo("request-7");
      assertThat(event.getThread().getJavaName()).isEqualTo("main");
      assertThat(event.getStackTrace().getFrames()).extracting(RecordedFrame::getMethod)
          .anySatisfy(method -> assertThat(method.getType().getName() + "." + method.getName()).isEqualTo(sample + ".main"));
    });
    assertThat(created).extracting(event -> event.getLong("id")).doesNotHaveDuplicates();

    RecordedEvent shutdown = named(events, "dev.leakgate.ComponentShutdown").get(0);
    assertThat(named(events, "dev.leakgate.ComponentShutdown")).hasSize(1);
    assertThat(shutdown.getString("kind")).isEqualTo("BatchSpanProcessor");
    assertThat(shutdown.getLong("id")).isEqualTo(created.get(0).getLong("id"));
    assertThat(shutdown.getString("site")).isEqualTo(buildLine);
    assertThat(shutdown.getString("shutdownSite"))
        .isEqualTo(sample + ".main(BuildsUnderARecording.java:" + SourceLines.lineOf(BuildsUnderARecording.class, "SHUTDOWN-LINE") + ")");

    List<RecordedEvent> live = named(events, "dev.leakgate.LiveComponents");
    assertThat(live).as("one per kind built, per period").isNotEmpty()
        .allSatisfy(event -> assertThat(event.getString("kind")).isEqualTo("BatchSpanProcessor"));
    RecordedEvent last = live.get(live.size() - 1);
    assertThat(last.getLong("created")).isEqualTo(3);
    assertThat(last.getLong("shutdown")).isEqualTo(1);
    assertThat(last.getLong("live")).isEqualTo(2);
    assertThat(last.getLong("liveThreads")).isBetween(2L, 3L); // the shut-down worker may still drain
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void aStreamTheApplicationOpensLaterSeesWhatIsBuiltAndShutDownFromThenOn(String jdk) throws Exception {
    ForkedJvm.Result result = jvm(jdk).agent("log=quiet").run(StreamsItsOwnComponents.class.getName());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.errLines()).isEmpty();
    String sample = StreamsItsOwnComponents.class.getName();
    String built = "created BatchSpanProcessor at " + sample + ".main(StreamsItsOwnComponents.java:"
        + SourceLines.lineOf(StreamsItsOwnComponents.class, "STREAM-LINE") + ") on main";
    assertThat(result.out().lines()).containsExactly(
        built,
        built,
        "shutdown BatchSpanProcessor at " + sample + ".main(StreamsItsOwnComponents.java:"
            + SourceLines.lineOf(StreamsItsOwnComponents.class, "STREAM-SHUTDOWN-LINE") + ")",
        "kept true");
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(event -> event.getEventType().getName().equals(name))
        .sorted((a, b) -> a.getStartTime().compareTo(b.getStartTime())).collect(Collectors.toList());
  }
}
