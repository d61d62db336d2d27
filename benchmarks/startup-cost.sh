#!/usr/bin/env bash
# What LeakGate costs at start, against an empty -javaagent (the JVM's own price for any agent):
#   1. hello program, whole-process wall time, LeakGate / empty agent   (target <= 1.05x)
#   2. provider program's first SDK build, LeakGate - empty agent        (target <= +40 ms)
#   3. LeakGate classes loaded by the provider program (agent jar, shaded ASM included; target <= 80)
# The two sides run interleaved, in alternating order, PAIRS times; medians of the per-pair figures
# are reported, so a neighbour's compile that lands on one run moves a pair, not the result.
# Usage: benchmarks/startup-cost.sh [PAIRS]   (default 21; JAVA_HOME picks the JDK; default: java on PATH)
# Writes benchmarks/target/results/startup-cost.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-21}"
[[ "$PAIRS" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "startup-cost.sh: PAIRS must be a whole number from 1 to 9999, got '$PAIRS'" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=benchmarks/target/benchmarks.jar
AGENT_JAR=agent/target/leakgate-agent.jar
SDK=agent/target/otel-1.68.0
if [[ ! -f "$JAR" || ! -f "$AGENT_JAR" || ! -d "$SDK" ]]; then
  # the reactor, so the modules come from this tree and never from ~/.m2
  mvn -B -q -pl benchmarks -am package -DskipTests
  mvn -B -q -pl agent generate-test-resources
fi
OUT=benchmarks/target/results
mkdir -p "$OUT"
python3 - "$JAVA" "$JAR" "$AGENT_JAR" "$SDK" "$PAIRS" "$OUT" <<'PY'
import os, re, resource, statistics, subprocess, sys, tempfile, time, zipfile
java, bench_jar, agent_jar, sdk, pairs, out = sys.argv[1:7]
pairs = int(pairs)
work = tempfile.mkdtemp(prefix="leakgate-startup-cost")
# the programs as a user has them: a class folder, the SDK jars beside it, no LeakGate on the class path
apps = os.path.join(work, "classes")
empty_agent = "dev/leakgate/benchmarks/programs/EmptyAgent.class"
with zipfile.ZipFile(bench_jar) as z:
    for name in ("dev/leakgate/benchmarks/programs/Hello.class", "dev/leakgate/benchmarks/programs/OneProvider.class",
                 "dev/leakgate/harness/service/DiscardingSpanExporter.class"):
        z.extract(name, apps)
    agent_class = z.read(empty_agent)
# the empty agent only in its jar, never on the class path: the JVM opens that jar as it opens LeakGate's
empty = os.path.join(work, "empty-agent.jar")
with zipfile.ZipFile(empty, "w") as z:
    z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nPremain-Class: dev.leakgate.benchmarks.programs.EmptyAgent\n\n")
    z.writestr(empty_agent, agent_class)
sdk_cp = ":".join(os.path.join(sdk, j) for j in sorted(os.listdir(sdk)) if j.endswith(".jar"))
agents = {"empty": "-javaagent:" + empty, "leakgate": "-javaagent:" + os.path.abspath(agent_jar) + "=log=quiet"}
programs = {"hello": ["-cp", apps, "dev.leakgate.benchmarks.programs.Hello"],
            "provider": ["-cp", apps + ":" + sdk_cp, "dev.leakgate.benchmarks.programs.OneProvider"]}

def run(agent, program, extra=()):
    cmd = [java, agents[agent], *extra, *programs[program]]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0 or p.stderr.strip():
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()}")
    # CPU time (user + system) of the child: less disturbed than wall time when neighbours compete for the cores
    cpu[(agent, program)].append(((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000)
    return wall, p.stdout

def load():
    return os.getloadavg()[0]

cpu = {(a, p): [] for a in agents for p in programs}
loads = [load()]
for program in programs:  # warm the file cache once per side
    for agent in agents:
        run(agent, program)
for key in cpu:
    cpu[key].clear()
samples = {(a, p): [] for a in agents for p in programs}
first_build = {a: [] for a in agents}
for i in range(pairs):
    order = list(agents) if i % 2 == 0 else list(reversed(agents))
    for program in programs:
        for agent in order:
            wall, stdout = run(agent, program)
            samples[(agent, program)].append(wall)
            if program == "provider":
                first_build[agent].append(int(stdout.strip()) / 1e6)
    loads.append(load())

def ratios(program, of=None):
    of = of or samples
    return [l / e for l, e in zip(of[("leakgate", program)], of[("empty", program)])]
def med(xs): return statistics.median(xs)
def spread(xs):
    q = statistics.quantiles(xs, n=4)
    return f"{q[0]:.2f}–{q[2]:.2f}" if abs(q[2]) < 10 else f"{q[0]:.0f}–{q[2]:.0f}"

# classes LeakGate loads in the provider program: every class the agent jar holds that the JVM loaded
with zipfile.ZipFile(agent_jar) as z:
    agent_classes = {n[:-6].replace("/", ".") for n in z.namelist() if n.endswith(".class")}
_, log = run("leakgate", "provider", ["-Xlog:class+load=info:stdout"])
cpu[("leakgate", "provider")].pop()
loaded = {m.group(1) for m in re.finditer(r"\]\[class,load\] (\S+) source:", log)}
ours = sorted(loaded & agent_classes)
shaded = [c for c in ours if not c.startswith(("dev.leakgate.agent.", "dev.leakgate.api."))]

hello = ratios("hello")
hello_cpu = ratios("hello", cpu)
provider_cpu = ratios("provider", cpu)
# the same one-time cost in CPU time of the whole process (every thread: weaving, verification, JIT):
# what LeakGate adds to the provider program beyond what it adds to hello
first_cpu = [(lp - ep) - (lh - eh) for lp, ep, lh, eh in zip(cpu[("leakgate", "provider")], cpu[("empty", "provider")],
                                                            cpu[("leakgate", "hello")], cpu[("empty", "hello")])]
first_delta = [l - e for l, e in zip(first_build["leakgate"], first_build["empty"])]
provider = ratios("provider")
provider_delta = [l - e for l, e in zip(samples[("leakgate", "provider")], samples[("empty", "provider")])]
jv = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.strip().splitlines()[-1]
def verdict(ok): return "**met**" if ok else "**missed**"
lines = []
lines.append("## Start-up against an empty agent (`benchmarks/startup-cost.sh`)\n")
lines.append(f"{pairs} interleaved pairs (order alternating), whole processes, medians of the per-pair figures; "
             f"`{jv}`, {os.cpu_count()} CPUs; 1-minute load average {min(loads):.1f}–{max(loads):.1f} during the run "
             "(other engineers' builds share the machine).\n")
lines.append("| question | figure | target | |")
lines.append("| --- | --- | --- | --- |")
lines.append(f"| hello program, LeakGate / empty agent (wall) | {med(hello):.3f}× (interquartile {spread(hello)}; "
             f"medians {med(samples[('empty','hello')]):.0f} / {med(samples[('leakgate','hello')]):.0f} ms) | ≤ 1.05× | {verdict(med(hello) <= 1.05)} |")
lines.append(f"| one-time cost at the first SDK load: provider program's first build, LeakGate − empty agent | "
             f"+{med(first_delta):.1f} ms (first build {med(first_build['empty']):.0f} → {med(first_build['leakgate']):.0f} ms) | ≤ +40 ms | {verdict(med(first_delta) <= 40)} |")
lines.append(f"| the same one-time cost in CPU time of the process: (provider − hello) with LeakGate − with the empty agent | "
             f"+{med(first_cpu):.1f} ms (interquartile {spread(first_cpu)}) | | |")
lines.append(f"| hello program, LeakGate / empty agent (CPU time of the process) | {med(hello_cpu):.3f}× (interquartile {spread(hello_cpu)}; "
             f"medians {med(cpu[('empty','hello')]):.0f} / {med(cpu[('leakgate','hello')]):.0f} ms) | | |")
lines.append(f"| provider program, LeakGate / empty agent (CPU time of the process) | {med(provider_cpu):.3f}× (interquartile {spread(provider_cpu)}) | | |")
lines.append(f"| provider program, LeakGate / empty agent (wall) | {med(provider):.3f}× (+{med(provider_delta):.0f} ms; interquartile {spread(provider)}) | — | |")
lines.append(f"| LeakGate classes loaded by the provider program | {len(ours)} ({len(ours) - len(shaded)} LeakGate, {len(shaded)} shaded ASM) | ≤ 80 | {verdict(len(ours) <= 80)} |")
lines.append("")
lines.append("Classes counted: those of `leakgate-agent.jar` that `-Xlog:class+load` shows loaded: " + ", ".join(c.rsplit(".", 1)[-1] for c in ours) + ".")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "startup-cost.md"), "w").write(text)
print(text)
PY
