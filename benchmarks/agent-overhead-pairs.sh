#!/usr/bin/env bash
# The `fixed` service's request throughput with the agent against without it, measured in pairs:
# each pair runs JMH's AgentOverhead.fixedRequest once without and once with -javaagent (one fork
# each, order alternating), so a neighbour's build or the machine's drift falls on both sides of a
# pair; the median of the per-pair ratios is reported (target: with / without >= 0.99).
# Every request opens a scope and hands it to the service's pool, which the agent follows. Both sides
# run from the benchmarks jar, which holds the agent's classes: without -javaagent the scopes still
# open (a thread-local and a small object) but nothing is woven or recorded.
# Usage: benchmarks/agent-overhead-pairs.sh [PAIRS]   (default 9; JAVA_HOME picks the JDK)
# Writes benchmarks/target/results/agent-overhead-pairs.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-9}"
[[ "$PAIRS" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "agent-overhead-pairs.sh: PAIRS must be a whole number from 1 to 9999, got '$PAIRS'" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" ]]; then
  # the reactor, so the modules come from this tree and never from ~/.m2
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
OUT=benchmarks/target/results
mkdir -p "$OUT"
python3 - "$JAVA" "$JAR" "$PAIRS" "$OUT" <<'PY'
import json, os, statistics, subprocess, sys, tempfile
java, jar, pairs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
# warm-up long enough for the JIT's climb (about 10 s on this service), then 5 one-second iterations
sides = {"without": "AgentOverhead.fixedRequest$", "with": "AgentOverhead.fixedRequestWithAgent$"}
work = tempfile.mkdtemp(prefix="leakgate-agent-overhead")

def run(side, i):
    result = os.path.join(work, f"{side}-{i}.json")
    cmd = [java, "-jar", jar, sides[side], "-f", "1", "-wi", "12", "-i", "5", "-rf", "json", "-rff", result]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
    runs = json.load(open(result))
    if len(runs) != 1:
        raise SystemExit(f"{' '.join(cmd)} ran {len(runs)} benchmarks, expected 1")
    return runs[0]["primaryMetric"]["score"]

loads = [os.getloadavg()[0]]
scores = {side: [] for side in sides}
ratios = []
for i in range(pairs):
    order = ["without", "with"] if i % 2 == 0 else ["with", "without"]
    got = {side: run(side, i) for side in order}
    for side in sides:
        scores[side].append(got[side])
    ratios.append(got["with"] / got["without"])
    loads.append(os.getloadavg()[0])
    print(f"pair {i + 1}/{pairs}: {got['without']:.0f} without, {got['with']:.0f} with requests/s: {ratios[-1]:.3f}x", file=sys.stderr)

q = statistics.quantiles(ratios, n=4) if len(ratios) >= 2 else [ratios[0]] * 3
median = statistics.median(ratios)
jv = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.strip().splitlines()[-1]
md = f"""## `fixed` throughput with the agent, in pairs (`benchmarks/agent-overhead-pairs.sh`)

{pairs} pairs of one JMH fork each (`AgentOverhead.fixedRequest` and `fixedRequestWithAgent`, `-f 1 -wi 12 -i 5`, order alternating), median of the per-pair ratios; `{jv}`, {os.cpu_count()} CPUs; 1-minute load average {min(loads):.1f}–{max(loads):.1f} during the run.

| question | figure | target | |
| --- | --- | --- | --- |
| `fixed` request throughput, with the agent / without (each request opens a scope the agent carries to the pool) | {median:.3f}× (interquartile {q[0]:.2f}–{q[2]:.2f}; medians {statistics.median(scores['without']):.0f} without / {statistics.median(scores['with']):.0f} with requests/s) | ≥ 0.99× | {"**met**" if median >= 0.99 else "**missed**"} |

Per pair, with / without: {", ".join(f"{r:.3f}" for r in ratios)}.
"""
open(os.path.join(out, "agent-overhead-pairs.md"), "w").write(md)
print(md)
PY
