package dev.leakgate.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakgate.reports.json.JsonReports;
import dev.leakgate.reports.json.ReportFormatException;
import dev.leakgate.reports.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

  @Test
  void writesOnlyTheSchemaFieldsLeavingOutEmptyListsAndAbsentValues() {
    Site site = new Site("BatchSpanProcessor", "a.B.c(B.java:3)", "a.B", "c", "B.java", 3, 1, 0, 1, 1,
        List.of(), List.of(), List.of());
    Report report = new Report(Report.SCHEMA, "2026-11-30T00:00:00Z", null,
        java.util.Map.of("BatchSpanProcessor", new Counts(1, 0, 1, 1, 0)), List.of(site),
        List.of(), List.of(), List.of(), null);

    String json = JsonReports.toJson(report);

    assertThat(json).contains("\"sites\"", "\"liveThreads\"")
        .doesNotContain("\"instances\"", "\"preExistingThreads\"", "\"samples\"", "\"verdict\"", "\"source\"")
        .doesNotContain("\"kinds\"", "\"culprits\"", "\"key\"", "\"counts\"", "\"hasLine\"");
  }

  @Test
  void readsTheLeakyReportWithItsVerdictAndFourCulpritSites() {
    Report report = Fixtures.report("leaky.json");

    assertThat(report.schema()).isEqualTo(Report.SCHEMA);
    assertThat(report.verdict().status()).isEqualTo(Status.LEAK);
    assertThat(report.verdict().perRequest()).isEqualTo(4.0);
    assertThat(report.components().get("BatchSpanProcessor").live()).isEqualTo(88);
    assertThat(report.culprits())
        .extracting(Site::site)
        .containsExactly(
            "dev.leakgate.harness.service.Agent.<init>(Agent.java:31)",
            "dev.leakgate.harness.service.Task.<init>(Task.java:24)",
            "dev.leakgate.harness.service.Crew.<init>(Crew.java:40)",
            "dev.leakgate.harness.service.LlmClient.<init>(LlmClient.java:18)");
    assertThat(report.samples()).hasSize(11);
  }

  @Test
  void agentExitReportWithoutVerdictReadsWithEmptyOptionalsAndIgnoresUnknownFields() {
    Report report = Fixtures.report("agent-exit.json");

    assertThat(report.verdict()).isNull();
    assertThat(report.findVerdict()).isEmpty();
    assertThat(report.samples()).isEmpty();
    assertThat(report.culprits()).isEmpty();
    assertThat(report.preExistingThreads()).extracting(ComponentThread::name).containsExactly("PeriodicMetricReader-1");
    assertThat(report.components().get("BatchSpanProcessor").draining()).isZero();
  }

  @Test
  void aLoneSurrogateIsWrittenAsTheReplacementCharacterNotAFailure(@TempDir Path dir) throws Exception {
    Report hostile = Fixtures.report("hostile-text.json");
    Path file = dir.resolve("out/hostile.json");

    JsonReports.write(hostile, file);

    Report read = JsonReports.read(file);
    assertThat(read.sites().get(0).stack().get(1)).isEqualTo("com.acme.Lone\uFFFDSurrogate.run(Lone.java:1)");
    assertThat(read.sites().get(0).stack().get(0)).isEqualTo(hostile.sites().get(0).stack().get(0));
    assertThat(read.sites().get(1).threads()).containsExactly("\uD83D\uDE00 emoji stays");
  }

  @Test
  void writingThenReadingGivesTheSameReportAndLeavesOutNulls(@TempDir Path dir) throws Exception {
    Report report = Fixtures.report("leaky.json");
    Path file = dir.resolve("copy.json");

    JsonReports.write(report, file);

    assertThat(JsonReports.read(file)).isEqualTo(report);
    assertThat(Files.readString(file)).doesNotContain("null").contains("\"schema\" : \"leakgate.report/1\"");
    assertThat(JsonReports.toJson(Fixtures.report("agent-exit.json")))
        .doesNotContain("\"samples\"")
        .doesNotContain("\"verdict\"")
        .doesNotContain("futureField");
  }

  @Test
  void aMissingFileIsNamedInTheError() {
    assertThatThrownBy(() -> JsonReports.read(Path.of("no-such-leaks.json")))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("no-such-leaks.json: no such file");
  }

  @Test
  void malformedJsonIsReportedWithFileAndPosition() {
    Path file = Fixtures.path("malformed.json");
    assertThatThrownBy(() -> JsonReports.read(file))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith(file + ": not valid JSON (")
        .hasMessageContaining("line 2");
  }

  @Test
  void aWrongSchemaIdSaysWhatWasExpected() {
    assertThatThrownBy(() -> JsonReports.parse("{\"schema\": \"foo\"}", "leaks.json"))
        .hasMessage("leaks.json: not a LeakGate report (schema is \"foo\", expected \"leakgate.report/1\")");
    assertThatThrownBy(() -> JsonReports.parse("{\"sites\": []}", "leaks.json"))
        .hasMessage("leaks.json: not a LeakGate report (no \"schema\" field, expected \"leakgate.report/1\")");
    assertThatThrownBy(() -> JsonReports.parse("[1, 2]", "leaks.json"))
        .hasMessage("leaks.json: not a LeakGate report (expected a JSON object, found ARRAY)");
    assertThatThrownBy(() -> JsonReports.parse("", "leaks.json"))
        .hasMessage("leaks.json: empty file, expected a LeakGate report");
  }

  @Test
  void aMissingRequiredFieldIsNamedWithItsPath() {
    assertThatThrownBy(() -> JsonReports.read(Fixtures.path("missing-sites.json")))
        .hasMessageEndingWith("missing-sites.json: missing required field \"sites\"");
    assertThatThrownBy(() -> JsonReports.read(Fixtures.path("missing-site-kind.json")))
        .hasMessageEndingWith("missing-site-kind.json: missing required field \"sites[1].kind\"");
  }

  @Test
  void invalidValuesAreNamedWithTheirPath() {
    assertThatThrownBy(() -> JsonReports.read(Fixtures.path("negative-count.json")))
        .hasMessageEndingWith(
            "negative-count.json: invalid field \"components.BatchSpanProcessor\": created must be >= 0 but was -1");
    String badStatus =
        "{\"schema\":\"leakgate.report/1\",\"generatedAt\":\"2026-11-29T23:40:00Z\",\"components\":{},"
            + "\"sites\":[],\"verdict\":{\"status\":\"FOO\"}}";
    assertThatThrownBy(() -> JsonReports.parse(badStatus, "r.json"))
        .hasMessageStartingWith("r.json: invalid field \"verdict.status\"");
    String badTime =
        "{\"schema\":\"leakgate.report/1\",\"generatedAt\":\"yesterday\",\"components\":{},\"sites\":[]}";
    assertThatThrownBy(() -> JsonReports.parse(badTime, "r.json"))
        .hasMessage("r.json: invalid field \"generatedAt\": \"yesterday\" is not an ISO-8601 instant");
  }

  @Test
  void mergingTwoShardReportsAddsTheirCounts() {
    Report a = Fixtures.report("shard-a.json");
    Report b = Fixtures.report("shard-b.json");

    Report merged = Reports.merge(List.of(a, b));

    assertThat(merged.components().get("BatchSpanProcessor"))
        .isEqualTo(new Counts(80, 0, 80, 80, 2));
    Site shared =
        merged.sites().stream()
            .filter(site -> site.site().equals("dev.leakgate.harness.service.Agent.<init>(Agent.java:31)"))
            .findFirst()
            .orElseThrow();
    assertThat(shared.created()).isEqualTo(40);
    assertThat(shared.live()).isEqualTo(40);
    assertThat(shared.threads()).containsExactly("shard-a-pool-1-thread-1", "shard-b-pool-1-thread-1");
    assertThat(merged.sites()).hasSize(3);
    assertThat(merged.sites().get(0)).isEqualTo(shared); // most live first
    assertThat(merged.instances()).hasSize(2);
    assertThat(merged.samples().get(0).requests()).isEqualTo(4);
    assertThat(merged.samples().get(0).liveOf("BatchSpanProcessor")).isEqualTo(16);
    assertThat(merged.verdict().status()).isEqualTo(Status.LEAK);
    assertThat(merged.verdict().requests()).isEqualTo(20);
    assertThat(merged.verdict().perRequest()).isEqualTo(4.0);
    assertThat(merged.verdict().sites()).hasSize(3);
    assertThat(merged.source().tool()).isEqualTo("merge");
    assertThat(merged.source().label()).isEqualTo("shard-a+shard-b");
    assertThat(merged.generatedAt()).isEqualTo("2026-11-29T23:46:00Z");
  }

  @Test
  void mergingAddsProcessWideSitesApartFromTheApplicationsAndKeepsTheirReason() {
    Report one = Fixtures.report("agent-exit-process-wide.json");

    Report merged = Reports.merge(List.of(one, one));

    assertThat(merged.components()).containsOnlyKeys("ThreadPoolExecutor");
    assertThat(merged.sites()).extracting(Site::kind).containsExactly("ThreadPoolExecutor");
    assertThat(merged.processWide()).extracting(Site::kind, Site::created, Site::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("BatchSpanProcessor", 2L, "static-initialiser"),
            org.assertj.core.groups.Tuple.tuple("Thread", 2L, "jdk"));
  }

  @Test
  void mergingKeepsTheWorstStatusAndTheHighestRatePerKind() {
    Report merged = Reports.merge(List.of(Fixtures.report("clean.json"), Fixtures.report("leaky-higher-rate.json")));

    assertThat(merged.verdict().status()).isEqualTo(Status.LEAK);
    assertThat(merged.verdict().byKind().get("BatchSpanProcessor").perRequest()).isEqualTo(6.0);
    assertThat(merged.verdict().byKind().get("OpenTelemetrySdk").status()).isEqualTo(Status.CLEAN);
  }

  @Test
  void mergingCapsInstancesAtOneThousand() {
    Report one = Fixtures.report("agent-exit.json");
    Instance instance = one.instances().get(0);
    Report many =
        new Report(one.schema(), one.generatedAt(), one.source(), one.components(), one.sites(),
            java.util.Collections.nCopies(700, instance), List.of(), List.of(), null);

    assertThat(Reports.merge(List.of(many, many)).instances()).hasSize(Reports.MAX_INSTANCES);
  }

  @Test
  void baselineComparisonFindsNewCulpritSitesAndHigherRatesOnly() {
    Report leaky = Fixtures.report("leaky.json");

    assertThat(Reports.compare(leaky, leaky).unchanged()).isTrue();
    assertThat(Reports.compare(Fixtures.report("leaky-new-site.json"), leaky).newCulprits())
        .extracting(Site::site)
        .containsExactly("dev.leakgate.harness.service.Memory.<init>(Memory.java:12)");
    BaselineComparison higher = Reports.compare(Fixtures.report("leaky-higher-rate.json"), leaky);
    assertThat(higher.newCulprits()).isEmpty();
    assertThat(higher.higherRates()).singleElement().satisfies(increase -> {
      assertThat(increase.kind()).isEqualTo("BatchSpanProcessor");
      assertThat(increase.allowed()).isEqualTo(4.5);
    });
  }

  @Test
  void statusSeverityOrdersLeakAboveBoundedAboveChurnAboveClean() {
    assertThat(Status.worst(List.of(Status.CLEAN, Status.CHURN, Status.BOUNDED))).isEqualTo(Status.BOUNDED);
    assertThat(Status.LEAK.isWorseThan(Status.BOUNDED)).isTrue();
    assertThat(Status.CHURN.isWorseThan(Status.CLEAN)).isTrue();
    assertThat(Status.parseList("leak, Bounded")).containsExactlyInAnyOrder(Status.LEAK, Status.BOUNDED);
    assertThat(Status.parseList("None")).isEmpty();
    assertThatThrownBy(() -> Status.parseList("LEAK,oops")).hasMessageContaining("unknown status \"oops\"")
        .hasMessageContaining("LEAK, BOUNDED, CHURN, CLEAN, or none");
  }
}
