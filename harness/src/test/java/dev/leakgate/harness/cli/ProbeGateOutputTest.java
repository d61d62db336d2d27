package dev.leakgate.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakgate.reports.gate.GateFailure;
import dev.leakgate.reports.gate.GateResult;
import dev.leakgate.reports.model.Counts;
import dev.leakgate.reports.model.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe's gate lines when a kind read from another JVM is hostile. */
class ProbeGateOutputTest {

  @Test
  void aHostileKindCannotForgeALineOrATerminalEscapeInTheProbesGateLines() {
    String kind = "Evil\r\n::error file=App.java,line=1::forged\u001b[2J\u202E\uD800";
    Report report = new Report(Report.SCHEMA, "2026-11-30T14:00:00Z", null, Map.of(kind, new Counts(2, 0, 2, 0, 0)),
        List.of(), null, null, null, null);
    GateResult result = new GateResult(report, List.of(new GateFailure(kind, "MAX_LIVE", kind + ": 2 live", List.of())), List.of());
    StringWriter out = new StringWriter();

    ProbeCommand.printGate(new PrintWriter(out, true), result);

    assertThat(out.toString().lines()).containsExactly(
        "gate: FAILED",
        "  FAIL MAX_LIVE: Evil\\r\\n::error file=App.java,line=1::forged\\u001B[2J\\u202E\uFFFD: 2 live",
        "  hint: build telemetry once at start-up; shut down what you build");
  }
}
