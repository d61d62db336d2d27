#!/usr/bin/env bash
# What the agent costs, measured in pairs: each pair runs one JMH fork of a benchmark without the
# agent and one of its twin with -javaagent (order alternating), so a neighbour's build or the
# machine's drift falls on both sides of a pair; the median of the per-pair ratios is reported.
# Questions (default: fixed):
#   fixed   the `fixed` service's request throughput (AgentOverhead.fixedRequest*): every request opens
#           a scope and hands it to the service's pool, which the agent follows; target with / without >= 0.99
#   thread  new Thread(r).start() + join() in a scope (ThreadAndPoolCost.threadStartJoin*); target <= 1.10x the time
#   pool    Executors.newFixedThreadPool(1) + one task + shutdown + awaitTermination in a scope
#           (ThreadAndPoolCost.poolLifecycle*); target <= 1.10x the time
#           (both sampled: each fork's median operation, which a neighbour's burst moves less than the mean)
#   watched   `fixed` throughput with the agent, an alarm= rule and a recording of LeakGate's JFR events
#             (AgentOverhead.fixedRequestWatched) / without the agent; target >= 0.98
#   watching  the same / with the agent alone (fixedRequestWithAgent): what watching adds; target >= 0.98
# Both sides run from the benchmarks jar, which holds the agent's classes: without -javaagent the
# scopes still open (a thread-local and a small object) but nothing is woven or recorded.
# Usage: benchmarks/agent-overhead-pairs.sh [PAIRS] [QUESTION...]   (default 9 fixed; JAVA_HOME picks the JDK)
# Writes benchmarks/target/results/agent-overhead-pairs.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-9}"
[[ "$PAIRS" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "agent-overhead-pairs.sh: PAIRS must be a whole number from 1 to 9999, got '$PAIRS'" >&2; exit 2; }
shift || true
QUESTIONS=("${@:-fixed}")
for q in "${QUESTIONS[@]}"; do
  [[ "$q" =~ ^(fixed|thread|pool|watched|watching)$ ]] || { echo "agent-overhead-pairs.sh: QUESTION must be fixed, thread, pool, watched or watching, got '$q'" >&2; exit 2; }
done
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f "$JAR" ]]; then
  # the reactor, so the modules come from this tree and never from ~/.m2
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
OUT=benchmarks/target/results
mkdir -p "$OUT"
python3 - "$JAVA" "$JAR" "$PAIRS" "$OUT" "${QUESTIONS[@]}" <<'PY'
import json, os, statistics, subprocess, sys, tempfile
java, jar, pairs, out, questions = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:]
# per question: the two benchmarks, the JMH options (warm-up long enough for the JIT's climb), whether
# higher scores are better, the target on the ratio with / without, the unit of a score, and the row text
QUESTIONS = {
    "fixed": dict(without="AgentOverhead.fixedRequest$", with_="AgentOverhead.fixedRequestWithAgent$",
                  opts=["-wi", "12", "-i", "5"], higher=True, target=0.99, unit="requests/s",
                  row="`fixed` request throughput, with the agent / without (each request opens a scope the agent carries to the pool)"),
    "thread": dict(without="ThreadAndPoolCost.threadStartJoinWithoutAgent$", with_="ThreadAndPoolCost.threadStartJoinInScope$",
                   opts=["-bm", "sample", "-wi", "3", "-i", "5"], higher=False, target=1.10, unit="µs (median op)",
                   row="`new Thread(r).start()` + `join()` in a scope, time with the agent / without"),
    "pool": dict(without="ThreadAndPoolCost.poolLifecycleWithoutAgent$", with_="ThreadAndPoolCost.poolLifecycleInScope$",
                 opts=["-bm", "sample", "-wi", "3", "-i", "5"], higher=False, target=1.10, unit="µs (median op)",
                 row="`Executors.newFixedThreadPool(1)` + one task + `shutdown` + `awaitTermination` in a scope, time with the agent / without"),
    "watched": dict(without="AgentOverhead.fixedRequest$", with_="AgentOverhead.fixedRequestWatched$",
                    opts=["-wi", "12", "-i", "5"], higher=True, target=0.98, unit="requests/s",
                    row="`fixed` request throughput with the agent, an `alarm=` rule and a recording of LeakGate's JFR events / without the agent"),
    "watching": dict(without="AgentOverhead.fixedRequestWithAgent$", with_="AgentOverhead.fixedRequestWatched$",
                     opts=["-wi", "12", "-i", "5"], higher=True, target=0.98, unit="requests/s",
                     row="`fixed` request throughput with the agent, an `alarm=` rule and the recording / with the agent alone (what watching adds)"),
}
work = tempfile.mkdtemp(prefix="leakgate-agent-overhead")

def run(benchmark, opts, tag):
    result = os.path.join(work, f"{tag}.json")
    cmd = [java, "-jar", jar, benchmark, "-f", "1", *opts, "-rf", "json", "-rff", result]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
    runs = json.load(open(result))
    if len(runs) != 1:
        raise SystemExit(f"{' '.join(cmd)} ran {len(runs)} benchmarks, expected 1")
    metric = runs[0]["primaryMetric"]
    # sampled runs: the median operation, which a neighbour's burst moves less than the mean
    return metric["scorePercentiles"]["50.0"] if "-bm" in opts else metric["score"]

jv = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.strip().splitlines()[-1]
md = f"## What the agent costs, in pairs (`benchmarks/agent-overhead-pairs.sh {pairs} {' '.join(questions)}`)\n\n"
md += f"{pairs} pairs of one JMH fork each per question (order alternating), median of the per-pair ratios; `{jv}`, {os.cpu_count()} CPUs.\n\n"
md += "| question | figure | target | |\n| --- | --- | --- | --- |\n"
details = []
for name in questions:
    q = QUESTIONS[name]
    sides = {"without": q["without"], "with": q["with_"]}
    loads = [os.getloadavg()[0]]
    scores = {side: [] for side in sides}
    ratios = []
    for i in range(pairs):
        order = ["without", "with"] if i % 2 == 0 else ["with", "without"]
        got = {side: run(sides[side], q["opts"], f"{name}-{side}-{i}") for side in order}
        for side in sides:
            scores[side].append(got[side])
        ratios.append(got["with"] / got["without"])
        loads.append(os.getloadavg()[0])
        print(f"{name} pair {i + 1}/{pairs}: {got['without']:.1f} without, {got['with']:.1f} with {q['unit']}: {ratios[-1]:.3f}x", file=sys.stderr)
    quart = statistics.quantiles(ratios, n=4) if len(ratios) >= 2 else [ratios[0]] * 3
    median = statistics.median(ratios)
    met = median >= q["target"] if q["higher"] else median <= q["target"]
    md += (f"| {q['row']} | {median:.3f}× (interquartile {quart[0]:.2f}–{quart[2]:.2f}; medians "
           f"{statistics.median(scores['without']):.1f} without / {statistics.median(scores['with']):.1f} with {q['unit']}; "
           f"1-minute load {min(loads):.1f}–{max(loads):.1f}) | {'≥' if q['higher'] else '≤'} {q['target']:.2f}× | "
           f"{'**met**' if met else '**missed**'} |\n")
    details.append(f"{name}, per pair with / without: {', '.join(f'{r:.3f}' for r in ratios)}.")
md += "\n" + "\n".join(details) + "\n"
open(os.path.join(out, "agent-overhead-pairs.md"), "w").write(md)
print(md)
PY
