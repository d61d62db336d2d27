#!/usr/bin/env bash
# The agent's own heap per live component under a real leak, and once components are collected.
# Each side is its own JVM running benchmarks.jar's LeakMemory: the reference service in-process, the
# calls one after the other over loopback, then full collections once the thread count is still;
# heap used with the agent minus without is the agent's heap (plus its fixed share: classes,
# StackWalker, tables). Two call counts per variant separate the per-component share from the fixed:
#   leaky  (4 processors and 4 providers per call, never shut down): the difference grows with the
#          live components; its slope between REQUESTS/10 and REQUESTS calls is the heap per live component
#   churn  (a provider and a processor per call, shut down when the call ends, then collected): the
#          difference must not grow between REQUESTS/10 and REQUESTS calls
# The sides run in alternating order, PAIRS times per variant and count, and medians are reported.
# The agent is benchmarks.jar itself (-javaagent:benchmarks.jar=log=quiet), as in AgentOverhead.
# Usage: benchmarks/leak-memory.sh [PAIRS [REQUESTS]]   (defaults 3 and 2000; JAVA_HOME picks the JDK)
# Writes benchmarks/target/results/leak-memory.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-3}"
REQUESTS="${2:-2000}"
[[ "$PAIRS" =~ ^[1-9][0-9]{0,2}$ ]] || { echo "leak-memory.sh: PAIRS must be a whole number from 1 to 999, got '$PAIRS'" >&2; exit 2; }
[[ "$REQUESTS" =~ ^[1-9][0-9]{0,4}$ ]] || { echo "leak-memory.sh: REQUESTS must be a whole number from 1 to 99999, got '$REQUESTS'" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" ]]; then
  # the reactor, so the modules come from this tree and never from ~/.m2
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
OUT=benchmarks/target/results
mkdir -p "$OUT"
python3 - "$JAVA" "$JAR" "$PAIRS" "$REQUESTS" "$OUT" <<'PY'
import os, re, statistics, subprocess, sys
java, jar, pairs, requests, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
agent = "-javaagent:" + os.path.abspath(jar) + "=log=quiet"

def run(variant, calls, with_agent):
    cmd = [java, "-Xmx2g", *([agent] if with_agent else []), "-cp", jar, "dev.leakgate.benchmarks.LeakMemory", variant, str(calls)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    line = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    if p.returncode != 0 or not line.startswith("heapBytes="):
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
    return dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", line))

loads = [os.getloadavg()[0]]
small = max(1, requests // 10)
results = {}
for variant in ("leaky", "churn"):
    for calls in (small, requests):
        diffs, live, created, entries = [], [], [], []
        for i in range(pairs):
            order = [False, True] if i % 2 == 0 else [True, False]
            got = {side: run(variant, calls, side) for side in order}
            diffs.append(got[True]["heapBytes"] - got[False]["heapBytes"])
            live.append(got[True]["liveComponents"])
            created.append(got[True]["createdComponents"])
            entries.append(got[True]["registryEntries"])
            loads.append(os.getloadavg()[0])
            print(f"{variant} {calls} calls, pair {i + 1}/{pairs}: +{diffs[-1] / 1024:.0f} KiB with the agent,"
                  f" {live[-1]} live of {created[-1]} created, {entries[-1]} registry entries", file=sys.stderr)
        results[(variant, calls)] = dict(diff=statistics.median(diffs), live=statistics.median(live),
                                         created=statistics.median(created), entries=statistics.median(entries), all=diffs)

jv = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.strip().splitlines()[-1]
ls, lb = results[("leaky", small)], results[("leaky", requests)]
cs, cb = results[("churn", small)], results[("churn", requests)]
per_live = (lb["diff"] - ls["diff"]) / (lb["live"] - ls["live"]) if lb["live"] != ls["live"] else float("nan")
churn_growth = cb["diff"] - cs["diff"]

def row(variant, calls, r):
    return (f"| `{variant}`, {calls} calls | {r['live']:.0f} live of {r['created']:.0f} created | {r['diff'] / 1024:.0f} KiB"
            f" ({', '.join(f'{d / 1024:.0f}' for d in r['all'])}) | {r['entries']:.0f} |")

md = f"""## The agent's heap under a real leak (`benchmarks/leak-memory.sh {pairs} {requests}`)

{pairs} pairs per variant and call count (order alternating), each side its own JVM running the reference service in-process (the calls one after the other, then full collections once its thread count is still); heap used with the agent minus without, medians (per pair in brackets); `{jv}`, {os.cpu_count()} CPUs; 1-minute load average {min(loads):.1f}–{max(loads):.1f}.

| run | components (with the agent) | heap with the agent − without | registry entries |
| --- | --- | --- | --- |
{row("leaky", small, ls)}
{row("leaky", requests, lb)}
{row("churn", small, cs)}
{row("churn", requests, cb)}

| question | figure |
| --- | --- |
| the agent's heap per live component under a real leak (`leaky`, slope from {small} to {requests} calls) | **{per_live:.0f} bytes** |
| the agent's heap once components are shut down and collected (`churn`, {requests} calls − {small} calls) | {churn_growth / 1024:+.0f} KiB for {cb['created'] - cs['created']:.0f} more components created: bounded, it does not grow with them |
"""
open(os.path.join(out, "leak-memory.md"), "w").write(md)
print(md)
PY
