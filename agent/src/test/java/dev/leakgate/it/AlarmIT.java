package dev.leakgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakgate.it.samples.LeaksAtTwoLines;
import dev.leakgate.it.samples.ProvidersWithProcessors;
import dev.leakgate.it.support.ForkedJvm;
import dev.leakgate.it.support.SourceLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code alarm=}: one stderr line when a rule trips, again only when its count doubles; {@code alarmReport=} writes the report then. */
class AlarmIT {
  private static final String ADVICE = "build telemetry once at start-up; shut down what you build";

  @TempDir Path dir;

  private static ForkedJvm jvm(String jdk) {
    return ForkedJvm.onJdk(jdk).testClassesAndCurrentSdk();
  }

  private static List<String> alarmLines(ForkedJvm.Result result) {
    return result.errLines().stream().filter(line -> line.startsWith("leakgate: alarm ")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JDK 17", "JDK 25"})
  void aRuleTripsAboveItsThresholdAndAgainOnlyEachTimeTheCountDoubles(String jdk) throws Exception {
    ForkedJvm.Result result = jvm(jdk).agent("log=quiet,alarm=BatchSpanProcessor>8").run(LeaksAtTwoLines.class.getName(), "40");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("built 40");
    assertThat(result.errLines()).as("nothing but alarm lines on stderr").allMatch(line -> line.startsWith("leakgate: alarm "));
    List<String> alarms = alarmLines(result);
    // 9 is above 8; then 18 and 36 double the count of the firing before; 40 does not double 36
    assertThat(alarms).hasSize(3);
    String often = LeaksAtTwoLines.class.getName() + ".often(LeaksAtTwoLines.java:" + SourceLines.lineOf(LeaksAtTwoLines.class, "OFTEN-LINE") + ")";
    String other = LeaksAtTwoLines.class.getName() + ".other(LeaksAtTwoLines.java:" + SourceLines.lineOf(LeaksAtTwoLines.class, "OTHER-LINE") + ")";
    assertThat(alarms.get(0))
        .startsWith("leakgate: alarm BatchSpanProcessor>8: 9 live BatchSpanProcessor, growing ")
        .containsPattern(" per minute \\(\\+\\d+ in \\d+ (ms|s|min)\\)")
        .contains("; top creating lines: 6 at " + often + ", 3 at " + other + "; " + ADVICE)
        .endsWith("(next alarm at 18 live)");
    assertThat(alarms.get(1)).startsWith("leakgate: alarm BatchSpanProcessor>8: 18 live BatchSpanProcessor, growing ")
        .contains("(+9 in ", "top creating lines: 12 at " + often + ", 6 at " + other).endsWith("(next alarm at 36 live)");
    assertThat(alarms.get(2)).startsWith("leakgate: alarm BatchSpanProcessor>8: 36 live BatchSpanProcessor, growing ")
        .contains("(+18 in ").endsWith("(next alarm at 72 live)");
  }

  @Test
  void aLiveRuleCountsEveryKindTogetherAndNamesTheKindOfEachLine() throws Exception {
    ForkedJvm.Result result = jvm("JDK 17").agent("log=quiet,alarm=live>4;SdkTracerProvider>100").run(ProvidersWithProcessors.class.getName(), "3");

    assertThat(result.exitCode()).as(result.err()).isZero();
    // processor, provider, processor, provider, processor: the fifth component trips live>4
    assertThat(alarmLines(result)).singleElement().asString()
        .startsWith("leakgate: alarm live>4: 5 live components (BatchSpanProcessor 3, SdkTracerProvider 2), growing ")
        .contains("top creating lines: 3 BatchSpanProcessor at " + ProvidersWithProcessors.class.getName() + ".main(",
            ", 2 SdkTracerProvider at " + ProvidersWithProcessors.class.getName() + ".main(")
        .endsWith("(next alarm at 10 live)");
  }

  @Test
  void alarmReportWritesTheReportAsItWasWhenTheRuleTrippedReadableByItsOwnerOnly() throws Exception {
    Path folder = dir.resolve("alarms");
    ForkedJvm.Result result = jvm("JDK 17").agent("log=quiet,alarm=BatchSpanProcessor>8,alarmReport=" + folder + "/")
        .run(LeaksAtTwoLines.class.getName(), "12");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<Path> reports;
    try (Stream<Path> files = Files.list(folder)) {
      reports = files.toList();
    }
    assertThat(reports).singleElement().satisfies(report -> assertThat(report.getFileName().toString()).matches("leakgate-\\d+-\\d+\\.json"));
    Path report = reports.get(0);
    assertThat(alarmLines(result)).singleElement().asString().endsWith("(next alarm at 18 live; report: " + report + ")");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-------");
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    assertThat(json.path("schema").asText()).isEqualTo("leakgate.report/1");
    // the moment the rule tripped, not the 12 at exit
    assertThat(json.path("components").path("BatchSpanProcessor").path("live").asLong()).isEqualTo(9);
  }

  @Test
  void aBadRuleIsOneLineNamingItAndWhatIsAllowedAndTheApplicationRuns() throws Exception {
    ForkedJvm.Result result = jvm("JDK 17").agent("log=quiet,alarm=BatchSpanProcesor>8").run(LeaksAtTwoLines.class.getName(), "12");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("built 12");
    assertThat(result.errLines()).singleElement().asString().startsWith(
        "leakgate: option 'alarm' rule 'BatchSpanProcesor>8' is not KIND>N or live>N, N a whole number from 0 to 1000000000,"
            + " KIND one of BatchSpanProcessor, BatchLogRecordProcessor,");
  }

  @Test
  void withoutAlarmAndWithoutARecordingNoClassOfTheAlarmOrOfFlightRecorderLoads() throws Exception {
    Path classLog = dir.resolve("classes.log");
    ForkedJvm.Result result = jvm("JDK 17").agent("log=quiet").jvmArg("-Xlog:class+load=info:file=" + classLog)
        .run(LeaksAtTwoLines.class.getName(), "12");

    assertThat(result.exitCode()).as(result.err()).isZero();
    String loaded = Files.readString(classLog);
    assertThat(loaded).as("the SDK was woven and recorded").contains("dev.leakgate.agent.registry.Registry ");
    assertThat(loaded.lines().filter(line -> line.contains(" dev.leakgate.agent.watch.") || line.contains(" dev.leakgate.agent.jfr.")
        || line.contains(" jdk.jfr.") || line.contains("LifecycleListener"))).as("alarm, listener and JFR classes loaded").isEmpty();
  }
}
