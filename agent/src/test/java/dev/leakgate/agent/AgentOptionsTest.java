package dev.leakgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentOptionsTest {
  @Test
  void noOptionsMeansDefaults() {
    AgentOptions o = AgentOptions.parse(null);
    assertThat(o.reportPath()).isNull();
    assertThat(o.stackDepth()).isEqualTo(AgentOptions.DEFAULT_STACK_DEPTH);
    assertThat(o.quiet()).isFalse();
    assertThat(o.jmx()).isFalse();
    assertThat(o.jdkAtStart()).as("nothing of the JDK is woven before the first scope").isFalse();
    assertThat(o.problems()).isEmpty();
  }

  @Test
  void everyOptionIsRead() {
    AgentOptions o = AgentOptions.parse("report=/tmp/x/leaks-%p.json, stackDepth=8 ,log=quiet,jmx=on,jdk=start");
    assertThat(o.reportPath()).isEqualTo("/tmp/x/leaks-%p.json");
    assertThat(o.stackDepth()).isEqualTo(8);
    assertThat(o.quiet()).isTrue();
    assertThat(o.jmx()).isTrue();
    assertThat(o.jdkAtStart()).isTrue();
    assertThat(o.problems()).isEmpty();
    assertThat(AgentOptions.parse("jdk=scope").jdkAtStart()).isFalse();
  }

  @Test
  void eachBadValueIsOneProblemAndKeepsTheDefault() {
    AgentOptions o = AgentOptions.parse("stackDepth=0,log=loud,report=,jmx=yes,jdk=now,what");
    assertThat(o.stackDepth()).isEqualTo(AgentOptions.DEFAULT_STACK_DEPTH);
    assertThat(o.quiet()).isFalse();
    assertThat(o.reportPath()).isNull();
    assertThat(o.problems()).containsExactly(
        "option 'stackDepth' must be a whole number from 1 to 1024, got '0'; using 32",
        "option 'log' must be quiet or info, got 'loud'; using info",
        "option 'report' needs a file or a folder (report=leaks-%p.json or report=reports/); no report is written",
        "option 'jmx' must be on or off, got 'yes'; using off",
        "option 'jdk' must be scope (the JDK's pools, timers, HTTP clients and threads are counted once a scope opens)"
            + " or start (from start-up), got 'now'; using scope",
        "unknown option 'what' (allowed: " + AgentOptions.ALLOWED + ")");
  }

  @Test
  void sdkPackageIsRepeatableAndMustNameARelocatedSdk() {
    AgentOptions o = AgentOptions.parse("sdkPackage=com.acme.shaded.io.opentelemetry.sdk,sdkPackage=x.io.opentelemetry.sdk");
    assertThat(o.sdkPackages()).containsExactly("com.acme.shaded.io.opentelemetry.sdk", "x.io.opentelemetry.sdk");
    assertThat(o.problems()).isEmpty();
    for (String bad : new String[] {"sdkPackage=", "sdkPackage", "sdkPackage=com.acme", "sdkPackage=com..io.opentelemetry.sdk",
        "sdkPackage=1com.io.opentelemetry.sdk", "sdkPackage=com/acme/io/opentelemetry/sdk"}) {
      AgentOptions rejected = AgentOptions.parse(bad);
      assertThat(rejected.sdkPackages()).as(bad).isEmpty();
      assertThat(rejected.problems()).as(bad).singleElement().asString()
          .startsWith("option 'sdkPackage' must name the package a shade plugin moved the OpenTelemetry SDK to");
    }
  }

  @Test
  void stackDepthAboveTheMaximumIsRejected() {
    assertThat(AgentOptions.parse("stackDepth=1025").problems()).hasSize(1);
    assertThat(AgentOptions.parse("stackDepth=1024").stackDepth()).isEqualTo(1024);
  }

  @Test
  void aReportPatternAllowsPercentPAndPercentPercentOnly() {
    assertThat(AgentOptions.parse("report=r-%p-100%%.json").problems()).isEmpty();
    for (String bad : new String[] {"r-%d.json", "r-%P.json", "r-%"}) {
      AgentOptions rejected = AgentOptions.parse("report=" + bad);
      assertThat(rejected.reportPath()).as(bad).isNull();
      assertThat(rejected.problems()).as(bad).singleElement().asString()
          .startsWith("option 'report' allows %p (the pid), %% (a percent sign) and %, (a comma) only, got '%")
          .endsWith("in '" + bad + "'; no report is written");
    }
  }

  @Test
  void alarmRulesAreSemicolonSeparatedAndRepeatable() {
    AgentOptions o = AgentOptions.parse("alarm=BatchSpanProcessor>8; live>20,alarm=PeriodicMetricReader>0,alarmReport=alarms/");
    assertThat(o.alarms()).extracting(Object::toString)
        .containsExactly("BatchSpanProcessor>8", "live>20", "PeriodicMetricReader>0");
    assertThat(o.alarmReportPath()).isEqualTo("alarms/");
    assertThat(o.alarmsText()).isEqualTo("BatchSpanProcessor>8;live>20;PeriodicMetricReader>0");
    assertThat(o.problems()).isEmpty();
  }

  @Test
  void eachBadAlarmRuleIsOneProblemNamingItAndTheGoodOnesStay() {
    AgentOptions o = AgentOptions.parse("alarm=BatchSpanProcesor>8;live>x;BatchSpanProcessor<3;live>>2;live>-1;live>1000000001;live>4");
    assertThat(o.alarms()).extracting(Object::toString).containsExactly("live>4");
    assertThat(o.problems()).hasSize(6).allSatisfy(problem -> assertThat(problem)
        .startsWith("option 'alarm' rule '")
        .contains("' is not KIND>N or live>N, N a whole number from 0 to 1000000000, KIND one of BatchSpanProcessor, ")
        .endsWith("; ignored"));
    assertThat(o.problems().get(0)).startsWith("option 'alarm' rule 'BatchSpanProcesor>8' is not");
  }

  @Test
  void anEmptyAlarmAndAnAlarmReportWithoutRulesAreProblems() {
    assertThat(AgentOptions.parse("alarm=").problems()).singleElement().asString()
        .startsWith("option 'alarm' needs a rule (KIND>N or live>N");
    AgentOptions o = AgentOptions.parse("alarmReport=alarms/");
    assertThat(o.alarmReportPath()).isNull();
    assertThat(o.problems()).containsExactly("option 'alarmReport' writes the report when an alarm= rule trips, and no"
        + " alarm= rule is set (e.g. alarm=BatchSpanProcessor>8); no alarm report is written");
    assertThat(AgentOptions.parse("alarm=live>1,alarmReport=a-%t.json").problems()).singleElement().asString()
        .startsWith("option 'alarmReport' allows %p (the pid), %% (a percent sign) and %, (a comma) only");
  }

  @Test
  void aCommaEscapedAsPercentCommaStaysInsideTheReportPath() {
    AgentOptions o = AgentOptions.parse("report=/ci/feature%,x/%%2Fmain/a%,b/%p/,log=quiet");

    assertThat(o.problems()).isEmpty();
    assertThat(o.quiet()).isTrue();
    assertThat(o.reportPath()).isEqualTo("/ci/feature%,x/%%2Fmain/a%,b/%p/");
    assertThat(dev.leakgate.agent.report.ReportLocation.of(o.reportPath(), 7).file(42))
        .isEqualTo(new java.io.File("/ci/feature,x/%2Fmain/a,b/42/leakgate-42-7.json"));
  }
}
