#!/usr/bin/env bash
# The `fixed` service's request throughput with the agent against without it, measured in pairs:
# each pair runs JMH's AgentOverhead.fixedRequest once without and once with -javaagent (one fork
# each, order alternating), so a neighbour's build or the machine's drift falls on both sides of a
# pair; the median of the per-pair ratios is reported (target: with / without >= 0.99).
# Every request opens a scope and hands it to the service's pool, which the agent follows. Both sides
# run from the benchmarks jar, which holds the agent's classes: without -javaagent the scopes still
# open (a thread-local and a small object) but nothing is woven or recorded.
# Other sides of AgentOverhead's fixed* benchmarks may be paired the same way: WITH (default
# fixedRequestWithAgent) against WITHOUT (default fixedRequest); e.g. fixedRequestWatched (the agent
# with an alarm= rule and a recording of LeakGate's JFR events) against fixedRequest (target >= 0.98)
# or against fixedRequestWithAgent (what watching adds to the agent).
# Usage: benchmarks/agent-overhead-pairs.sh [PAIRS [WITH [WITHOUT]]]   (default 9; JAVA_HOME picks the JDK)
# Writes benchmarks/target/results/agent-overhead-pairs.md (-WITH-vs-WITHOUT.md for other sides) and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-9}"
WITH="${2:-fixedRequestWithAgent}"
WITHOUT="${3:-fixedRequest}"
[[ "$PAIRS" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "agent-overhead-pairs.sh: PAIRS must be a whole number from 1 to 9999, got '$PAIRS'" >&2; exit 2; }
for side in "$WITH" "$WITHOUT"; do
  [[ "$side" =~ ^fixedRequest(WithAgent|Watched)?$ ]] || { echo "agent-overhead-pairs.sh: WITH and WITHOUT must be fixedRequest, fixedRequestWithAgent or fixedRequestWatched, got '$side'" >&2; exit 2; }
done
[[ "$WITH" != "$WITHOUT" ]] || { echo "agent-overhead-pairs.sh: WITH and WITHOUT must differ, both are '$WITH'" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" ]]; then
  # the reactor, so the modules come from this tree and never from ~/.m2
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
OUT=benchmarks/target/results
mkdir -p "$OUT"
python3 - "$JAVA" "$JAR" "$PAIRS" "$OUT" "$WITH" "$WITHOUT" <<'PY'
import json, os, statistics, subprocess, sys, tempfile
java, jar, pairs, out, with_name, without_name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
default_sides = with_name == "fixedRequestWithAgent" and without_name == "fixedRequest"
# warm-up long enough for the JIT's climb (about 10 s on this service), then 5 one-second iterations
sides = {"without": f"AgentOverhead.{without_name}$", "with": f"AgentOverhead.{with_name}$"}
labels = {"fixedRequest": "without the agent", "fixedRequestWithAgent": "with the agent",
          "fixedRequestWatched": "with the agent, an alarm= rule and a recording of LeakGate's JFR events"}
target = 0.98 if with_name == "fixedRequestWatched" and without_name == "fixedRequest" else 0.99
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
if default_sides:
    title = "`fixed` throughput with the agent, in pairs (`benchmarks/agent-overhead-pairs.sh`)"
    question = "`fixed` request throughput, with the agent / without (each request opens a scope the agent carries to the pool)"
    name = "agent-overhead-pairs.md"
else:
    title = f"`fixed` throughput {labels[with_name]} / {labels[without_name]}, in pairs (`benchmarks/agent-overhead-pairs.sh {pairs} {with_name} {without_name}`)"
    question = f"`fixed` request throughput, {labels[with_name]} / {labels[without_name]}"
    name = f"agent-overhead-pairs-{with_name}-vs-{without_name}.md"
md = f"""## {title}

{pairs} pairs of one JMH fork each (`AgentOverhead.{without_name}` and `{with_name}`, `-f 1 -wi 12 -i 5`, order alternating), median of the per-pair ratios; `{jv}`, {os.cpu_count()} CPUs; 1-minute load average {min(loads):.1f}–{max(loads):.1f} during the run.

| question | figure | target | |
| --- | --- | --- | --- |
| {question} | {median:.3f}× (interquartile {q[0]:.2f}–{q[2]:.2f}; medians {statistics.median(scores['without']):.0f} / {statistics.median(scores['with']):.0f} requests/s) | ≥ {target}× | {"**met**" if median >= target else "**missed**"} |

Per pair, {with_name} / {without_name}: {", ".join(f"{r:.3f}" for r in ratios)}.
"""
open(os.path.join(out, name), "w").write(md)
print(md)
PY
