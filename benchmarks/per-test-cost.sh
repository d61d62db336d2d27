#!/usr/bin/env bash
# What @LeakCheck adds to each test, as a user meets it: a generated Maven project with leakgate-junit
# (installed from this tree) on its test class path and no -javaagent (the extension attaches the
# agent itself), built with `mvn test` in one Surefire JVM. In that one run:
#   - N pairs of tests that build nothing, one of each pair without @LeakCheck and one with it;
#   - CHURN triples of tests that build one BatchSpanProcessor and close it: without @LeakCheck,
#     without it but waiting for the processor's worker thread to end (about 5 s after close(): the
#     least a check that waits for it can cost), and with @LeakCheck;
#   - one @LeakCheck test that calls LeakMeter.measure(20, 2, ...) on a no-op;
#   - first of all, one @LeakCheck test that pays the once-per-JVM self-attach, reported apart.
# The tests of a pair or triple run one after the other, in rotating order. A JUnit listener times each
# test from its start to its end (the extension's before and after callbacks included); the figures
# are medians of those times and of the per-pair differences.
# Targets (issue 17): <= 2 ms added per empty test, <= 10 ms per churn test beyond its worker
# thread's own ending, measure(20, 2) of a no-op <= 1 s.
# Usage: benchmarks/per-test-cost.sh [N [CHURN]]   (defaults 100 and 20; JAVA_HOME picks the JDK;
#        MVN_FLAGS adds Maven options to both builds, e.g. MVN_FLAGS="-o -Dmaven.repo.local=/path")
# Writes benchmarks/target/results/per-test-cost.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100}"
CHURN="${2:-20}"
[[ "$N" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "per-test-cost.sh: N must be a whole number from 1 to 9999, got '$N'" >&2; exit 2; }
[[ "$CHURN" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "per-test-cost.sh: CHURN must be a whole number from 1 to 9999, got '$CHURN'" >&2; exit 2; }
read -r -a MVN <<< "mvn -B ${MVN_FLAGS:-}"
WORK=benchmarks/target/per-test-cost
OUT=benchmarks/target/results
rm -rf "$WORK"
mkdir -p "$WORK" "$OUT"
# the artifacts a user's build resolves: leakgate-junit and the agent, installed from this tree
"${MVN[@]}" -q -pl harness/junit -am install -DskipTests > "$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log" >&2; echo "per-test-cost.sh: installing leakgate-junit failed (log above)" >&2; exit 1; }
python3 - "$N" "$CHURN" "$WORK/project" <<'PY'
import os, re, sys
n, churn, project = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
root = open("pom.xml").read()
def prop(name):
    return re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", root).group(1)
version = re.search(r"<artifactId>leakgate-parent</artifactId>\s*<version>([^<]+)</version>", root).group(1)
test_dir = os.path.join(project, "src/test/java/bench")
res_dir = os.path.join(project, "src/test/resources")
os.makedirs(test_dir)
os.makedirs(os.path.join(res_dir, "META-INF/services"))
open(os.path.join(project, "pom.xml"), "w").write(f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>per-test-cost</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.junit</groupId>
        <artifactId>junit-bom</artifactId>
        <version>{prop("junit.version")}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>io.opentelemetry</groupId>
      <artifactId>opentelemetry-sdk</artifactId>
      <version>{prop("opentelemetry.version")}</version>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <!-- the timing listener only -->
      <groupId>org.junit.platform</groupId>
      <artifactId>junit-platform-launcher</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>dev.leakgate</groupId>
      <artifactId>leakgate-junit</artifactId>
      <version>{version}</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.13.0</version>
      </plugin>
      <plugin>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.5.4</version>
        <configuration>
          <runOrder>alphabetical</runOrder>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
""")
open(os.path.join(res_dir, "junit-platform.properties"), "w").write(
    "junit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$ClassName\n")
open(os.path.join(res_dir, "META-INF/services/org.junit.platform.launcher.TestExecutionListener"), "w").write("bench.Timings\n")
open(os.path.join(test_dir, "Timings.java"), "w").write("""package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Times each test from its start to its end, extension callbacks included: one line per test in target/timings.tsv. */
public final class Timings implements TestExecutionListener {
  private final Map<String, Long> started = new ConcurrentHashMap<>();

  @Override
  public void executionStarted(TestIdentifier test) {
    if (test.isTest()) {
      started.put(test.getUniqueId(), System.nanoTime());
    }
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (!test.isTest()) {
      return;
    }
    long nanos = System.nanoTime() - started.remove(test.getUniqueId());
    MethodSource method = (MethodSource) test.getSource().orElseThrow();
    String failure = result.getThrowable().map(t -> String.valueOf(t).replaceAll("\\\\s+", " ")).orElse("");
    write("target/timings.tsv", method.getClassName() + "\\t" + method.getMethodName() + "\\t" + nanos + "\\t"
        + result.getStatus() + "\\t" + failure + "\\n");
  }

  static void write(String file, String line) {
    try {
      Files.writeString(Path.of(file), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
""")
open(os.path.join(test_dir, "T1AttachTest.java"), "w").write("""package bench;

import dev.leakgate.junit.LeakCheck;
import org.junit.jupiter.api.Test;

/** The first @LeakCheck test in the JVM: it pays the self-attach, once. */
class T1AttachTest {
  @Test
  @LeakCheck
  void firstCheckedTestAttachesTheAgent() {}
}
""")
def group(cls, rounds, doc, bodies, imports="", helpers=""):
    """One test per kind in bodies for each round, the order rotating from round to round."""
    kinds = list(bodies)
    methods = []
    for i in range(1, rounds + 1):
        shift = (i - 1) % len(kinds)
        for order, kind in enumerate(kinds[shift:] + kinds[:shift], 1):
            annotation = "  @LeakCheck\n" if kind == "checked" else ""
            methods.append(f"  @Test\n{annotation}  void p{i:04d}_{order}{kind}() throws Exception {{\n{bodies[kind]}  }}\n")
    open(os.path.join(test_dir, cls + ".java"), "w").write(f"""package bench;

import dev.leakgate.junit.LeakCheck;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
{imports}
/** {doc} */
@TestMethodOrder(MethodOrderer.MethodName.class)
class {cls} {{
{helpers}
""" + "\n".join(methods) + "}\n")
group("T2EmptyTest", n, "Pairs of tests that build nothing, without and with @LeakCheck.", {"plain": "", "checked": ""})
group("T3ChurnTest", churn, "Tests that build one batch processor and close it: without @LeakCheck, waiting for its worker thread, with @LeakCheck.",
      {"plain": "    buildAndClose(false);\n", "joined": "    buildAndClose(true);\n", "checked": "    buildAndClose(false);\n"},
      "import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;\nimport io.opentelemetry.sdk.trace.export.SpanExporter;\n"
      "import java.util.HashSet;\nimport java.util.Set;\n",
      """  /** With waitForItsThread, also waits until the threads that appeared while the processor was built have ended. */
  static void buildAndClose(boolean waitForItsThread) throws InterruptedException {
    Set<Thread> before = waitForItsThread ? Thread.getAllStackTraces().keySet() : Set.of();
    BatchSpanProcessor processor = BatchSpanProcessor.builder(SpanExporter.composite()).build();
    Set<Thread> started = new HashSet<>();
    if (waitForItsThread) {
      started.addAll(Thread.getAllStackTraces().keySet());
      started.removeAll(before);
    }
    processor.close();
    for (Thread t : started) {
      t.join(10_000);
    }
  }
""")
open(os.path.join(test_dir, "T4MeasureTest.java"), "w").write("""package bench;

import dev.leakgate.junit.LeakCheck;
import dev.leakgate.junit.LeakMeter;
import org.junit.jupiter.api.Test;

/** One measurement of a request that does nothing. */
class T4MeasureTest {
  @Test
  @LeakCheck
  void measuresANoOp(LeakMeter meter) {
    long start = System.nanoTime();
    meter.measure(20, 2, () -> {});
    Timings.write("target/measure.tsv", (System.nanoTime() - start) + "\\n");
  }
}
""")
PY
status=0
(cd "$WORK/project" && "${MVN[@]}" test > ../build.log 2>&1) || status=$?
python3 - "$N" "$CHURN" "$WORK" "$OUT" "$status" <<'PY'
import os, statistics, subprocess, sys
n, churn, work, out, status = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
timings = os.path.join(work, "project/target/timings.tsv")
if not os.path.exists(timings):
    sys.exit(f"per-test-cost.sh: the generated project ran no test (mvn exited {status}); see {work}/build.log")
rows = [line.rstrip("\n").split("\t") for line in open(timings)]
failed = [r for r in rows if r[3] != "SUCCESSFUL"]
if failed or status != 0:
    for r in failed:
        print(f"{r[0]}.{r[1]}: {r[3]} {r[4]}", file=sys.stderr)
    sys.exit(f"per-test-cost.sh: {len(failed)} generated tests did not pass (mvn exited {status}); the figures would mean nothing. See {work}/build.log")
ms = {(r[0].split(".")[-1], r[1]): int(r[2]) / 1e6 for r in rows}
def kind(cls, k):
    """The times of kind k in round order (one per round)."""
    return [t for (c, m), t in sorted(ms.items()) if c == cls and m.endswith(k)]
def med(xs): return statistics.median(xs)
def spread(xs):
    if len(xs) < 2:
        return "n/a"
    q = statistics.quantiles(xs, n=4)
    return f"{q[0]:.2f}–{q[2]:.2f}"
def row(cls, label, target, limit, base="plain"):
    plain, checked = kind(cls, base), kind(cls, "checked")
    added = [c - p for c, p in zip(checked, plain)]
    met = "" if limit is None else ("**met**" if med(added) <= limit else "**missed**")
    return (f"| {label} | {med(added):+.2f} ms (interquartile {spread(added)}; medians {med(plain):.2f} → {med(checked):.2f} ms, "
            f"{med(checked) / med(plain):.2f}×) | {target} | {met} |"), med(checked)
empty_row, empty_checked = row("T2EmptyTest", f"{n} tests that build nothing: added per test by @LeakCheck", "≤ 2 ms", 2)
churn_row, _ = row("T3ChurnTest", f"{churn} tests that build and close one `BatchSpanProcessor`: added per test by @LeakCheck",
                   "", None)
joined_row, _ = row("T3ChurnTest", "the same, against a test that closes it and waits for its worker thread to end "
                    "(about 5 s after `close()`; the least a check that waits for that thread can cost)",
                    "≤ 10 ms", 10, base="joined")
measure_ms = [int(l) / 1e6 for l in open(os.path.join(work, "project/target/measure.tsv"))][0]
measure_test = ms[("T4MeasureTest", "measuresANoOp")]
attach = ms[("T1AttachTest", "firstCheckedTestAttachesTheAgent")] - empty_checked
java = subprocess.run(["java" if not os.environ.get("JAVA_HOME") else os.path.join(os.environ["JAVA_HOME"], "bin/java"), "-version"],
                      capture_output=True, text=True).stderr.strip().splitlines()[-1]
lines = ["## What @LeakCheck adds per test (`benchmarks/per-test-cost.sh`)\n",
         f"A generated Maven project, `mvn test`, one Surefire JVM without `-javaagent` (the extension attaches the agent); "
         f"tests of a pair or triple run back to back in rotating order; medians of per-test times (a JUnit listener, "
         f"extension callbacks included) and of the per-pair differences; `{java}`, {os.cpu_count()} CPUs, "
         f"1-minute load average {os.getloadavg()[0]:.1f} at the end (other engineers' builds share the machine).\n",
         "| question | figure | target | |",
         "| --- | --- | --- | --- |",
         empty_row,
         churn_row,
         joined_row,
         f"| `measure(20, 2, () -> {{}})`: the call | {measure_ms:.0f} ms (the whole test: {measure_test:.0f} ms) | ≤ 1000 ms | "
         f"{'**met**' if measure_ms <= 1000 else '**missed**'} |",
         f"| once per JVM: the first @LeakCheck test's self-attach, beyond a checked empty test | {attach:+.0f} ms | reported apart | |",
         ""]
text = "\n".join(lines) + "\n"
open(os.path.join(out, "per-test-cost.md"), "w").write(text)
print(text)
PY
