#!/usr/bin/env bash
# LeakGate's @LeakCheck (JUnit 5) beside randomizedtesting's thread leak check (JUnit 4 RandomizedRunner,
# @ThreadLeakScope(TEST), everything else at its default) on the same 7 leaking and 8 correct tests
# (benchmarks/compare-randomizedtesting/, built by Maven from this tree and Maven Central):
#   1. each test alone in a fresh JVM, REPEATS times: caught or not, what the message names (the
#      creating line? thread names? where the threads are now?), false failures;
#   2. the whole class as one run (randomizedtesting with SEEDS seeds, since it shuffles; LeakGate
#      sequentially and with 8 tests in parallel): tests that did not run;
#   3. the cost per test: the 8 correct tests in ROUNDS rounds per JVM, PAIRS JVMs per twin, against the
#      same tests with no check at all (plain JUnit 4 / plain JUnit 5 without the agent); medians.
# Every JVM sets the common pool's parallelism to 4 (as on a machine with 5 or more cores): below 2,
# CompletableFuture.supplyAsync starts a thread per task instead of using the common pool.
# Usage: benchmarks/compare-randomizedtesting.sh [REPEATS] [ROUNDS] [PAIRS]   (defaults 3, 30, 3)
#        SEEDS="1 2 3 4 5" (randomizedtesting's seeds for the whole-class runs); JAVA_HOME picks the JDK
#        the tests run on; MVN_FLAGS is passed to mvn (e.g. -o -Dmaven.repo.local=...).
# Writes benchmarks/target/results/compare-randomizedtesting.md (and the raw runs beside it) and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${1:-3}"
ROUNDS="${2:-30}"
PAIRS="${3:-3}"
SEEDS="${SEEDS:-1 2 3 4 5}"
for n in "$REPEATS" "$ROUNDS" "$PAIRS"; do
  [[ "$n" =~ ^[1-9][0-9]{0,2}$ ]] || { echo "compare-randomizedtesting.sh: REPEATS, ROUNDS and PAIRS must be whole numbers from 1 to 999, got '$n'" >&2; exit 2; }
done
(( ROUNDS > 5 )) || { echo "compare-randomizedtesting.sh: ROUNDS must be more than 5 (the first 5 of each JVM are its warm-up), got '$ROUNDS'" >&2; exit 2; }
[[ "$SEEDS" =~ ^[0-9A-Fa-f]+( [0-9A-Fa-f]+)*$ ]] || { echo "compare-randomizedtesting.sh: SEEDS must be hexadecimal seeds separated by single spaces, got '$SEEDS'" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
PROJECT=benchmarks/compare-randomizedtesting
# the reactor, so LeakGate comes from this tree and never from ~/.m2; randomizedtesting from Maven Central
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -Pcompare-randomizedtesting -pl "$PROJECT" -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
OUT=benchmarks/target/results
mkdir -p "$OUT/compare-randomizedtesting"
python3 - "$JAVA" "$PROJECT" "$OUT" "$REPEATS" "$ROUNDS" "$PAIRS" "$SEEDS" <<'PY'
import glob, json, os, re, statistics, subprocess, sys, time
java, project, out, repeats, rounds, pairs, seeds = sys.argv[1:8]
repeats, rounds, pairs, seeds = int(repeats), int(rounds), int(pairs), seeds.split()
WARMUP_ROUNDS = 5
runs_dir = os.path.join(out, "compare-randomizedtesting")
cp = ":".join([os.path.join(project, "target/test-classes"), os.path.join(project, "target/classes"),
               open(os.path.join(project, "target/classpath.txt")).read().strip()])
agent = next(j for j in cp.split(":") if os.path.basename(j).startswith("leakgate-agent"))
rt_version = re.search(r"randomizedtesting-runner-([^/]+)\.jar", cp).group(1)

LEAKS = {
    "poolNeverShutDown": "`Executors.newFixedThreadPool` never shut down",
    "schedulerInApplicationClass": "a scheduler inside an application class",
    "timerNeverCancelled": "a `java.util.Timer` never cancelled",
    "forkJoinPoolNeverShutDown": "a `ForkJoinPool` of its own never shut down",
    "httpClientPerCall": "a `java.net.http.HttpClient` built per call",
    "threadLeftRunning": "a raw thread left running",
    "batchSpanProcessorNeverShutDown": "an OpenTelemetry `BatchSpanProcessor` never shut down",
}
CORRECT = {
    "poolShutDownAndAwaited": "a pool shut down and awaited",
    "staticPoolStartsWorkersLazily": "a pool in a static field, its workers started on first use",
    "commonPoolSupplyAsync": "the common pool after `supplyAsync`",
    "commonPoolParallelStream": "the common pool after a parallel stream",
    "timerCancelled": "a timer cancelled",
    "threadJoined": "a thread joined",
    "sdkInStaticField": "an OpenTelemetry SDK built once in a static field",
    "httpClientInStaticField": "one `HttpClient` in a static field",
}
SHAPES = {**LEAKS, **CORRECT}
# the lines that build each leak's component, from the "// creates: SHAPE" markers in the application code
creates = {}
for path in glob.glob(os.path.join(project, "src/main/java/**/*.java"), recursive=True):
    for n, line in enumerate(open(path), 1):
        m = re.search(r"// creates: (\w+)$", line.rstrip())
        if m:
            creates.setdefault(m.group(1), []).append(f"{os.path.basename(path)}:{n}")
assert set(creates) == set(LEAKS), f"creating-line markers {sorted(creates)} do not match the leak shapes"

COMMON = ["-Djava.util.concurrent.ForkJoinPool.common.parallelism=4"]
TOOLS = {  # name: (twin, the twin with no check, JVM options)
    "rt": ("randomizedrunner", "plain-junit4", []),
    "lg": ("leakcheck", "plain-jupiter", ["-javaagent:" + agent + "=log=quiet"]),
}
counter = [0]
loads = [os.getloadavg()[0]]

def run(twin, options, *args, seed="1"):
    """Runs RunShapes in a fresh JVM; returns (its JSON lines, the process's wall ms)."""
    counter[0] += 1
    file = os.path.join(runs_dir, f"{counter[0]:04d}-{twin}.jsonl")
    cmd = [java, *COMMON, f"-Dtests.seed={seed}", *options, "-cp", cp, "compare.run.RunShapes", twin, file, *args]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    wall = (time.perf_counter() - t0) * 1000
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr[-2000:]}")
    loads.append(os.getloadavg()[0])
    return [json.loads(l) for l in open(file)], wall

def tests(lines, round_=0):
    return {d["test"]: d for d in lines if "test" in d and d["round"] == round_}

def caught_by(tool, message):
    return ("leaked from" in message or "zombie" in message) if tool == "rt" else "LeakGate" in message

# ---- 1. each test alone ----
alone = {t: {s: [] for s in SHAPES} for t in TOOLS}
fresh = {t: [] for t in TOOLS}  # (check wall, plain wall) of fresh JVMs running one correct test
for r in range(repeats):
    for shape in SHAPES:
        for tool, (twin, plain, options) in (TOOLS.items() if r % 2 == 0 else reversed(TOOLS.items())):
            lines, wall = run(twin, options, "--methods", shape)
            alone[tool][shape].append(tests(lines).get(shape, {"status": "not-run", "message": "never started", "ms": 0}))
            if shape in CORRECT and alone[tool][shape][-1]["status"] == "passed":
                _, plain_wall = run(plain, [], "--methods", shape)
                fresh[tool].append((wall, plain_wall))

# ---- 2. the whole class as one run ----
whole = {"rt": [], "lg": [], "lg-parallel": []}
for seed in seeds:
    whole["rt"].append(run("randomizedrunner", [], seed=seed)[0])
for r in range(repeats):
    whole["lg"].append(run("leakcheck", TOOLS["lg"][2])[0])
    whole["lg-parallel"].append(run("leakcheck", TOOLS["lg"][2], "--parallel", "8")[0])

# ---- 3. cost per correct test, steady state ----
methods = ",".join(CORRECT)
# "leakcheck-settle0": LeakGate with leakgate.junit.settle=0, to show what its settle window costs
cost = {tw: [] for tw in ("randomizedrunner", "plain-junit4", "leakcheck", "leakcheck-settle0", "plain-jupiter")}
# per twin: correct tests that failed or never ran in the rounds (warm-up included), the tests expected,
# and the JVMs whose rounds were spoiled (fewer than half of the measured rounds ran all 8 tests and passed)
steady = {tw: {"bad": 0, "expected": 0, "spoiled": 0} for tw in cost}
for p in range(pairs):
    order = list(cost) if p % 2 == 0 else list(reversed(cost))
    for twin in order:
        family = "plain-junit4" if "junit4" in twin or twin == "randomizedrunner" else "plain-jupiter"
        options = {"leakcheck": TOOLS["lg"][2], "leakcheck-settle0": TOOLS["lg"][2] + ["-Dleakgate.junit.settle=0"]}.get(twin, [])
        lines, _ = run(twin.replace("-settle0", ""), options, "--methods", methods, "--rounds", str(rounds), "--warm", family)
        clean_walls = []
        for r in range(rounds):
            passed = sum(1 for d in lines if "test" in d and d["round"] == r and d["status"] == "passed")
            steady[twin]["bad"] += len(CORRECT) - passed
            steady[twin]["expected"] += len(CORRECT)
            if r >= WARMUP_ROUNDS and passed == len(CORRECT):
                clean_walls += [d["wallMs"] for d in lines if "wallMs" in d and d["round"] == r]
        if len(clean_walls) * 2 >= rounds - WARMUP_ROUNDS:
            cost[twin].append(statistics.median(clean_walls) / len(CORRECT))
        else:
            cost[twin].append(None)
            steady[twin]["spoiled"] += 1

# ---- the tables ----
def names(tool, message):
    """What a tool's message names: the creating line, components, threads, where they are now."""
    parts = []
    kinds = re.findall(r"(\d+) ([A-Z][A-Za-z]+) live", message)
    if kinds:
        parts.append(", ".join(f"{n} {k}" for n, k in dict.fromkeys(kinds)))
    threads = list(dict.fromkeys(re.findall(r"name=([^,\]]+)", message)))
    if threads:
        parts.append("threads " + ", ".join(f"`{t}`" for t in threads[:4]) + (" …" if len(threads) > 4 else ""))
    if "\n        at " in message:
        app = re.search(r"\n        at (?:app//)?compare\.app\.(\S+)", message)
        parts.append(f"their stacks now (in the application: `{app.group(1)}`)" if app else "their stacks now (JDK frames only)")
    if "zombie" in message:
        parts.append("could not stop them")
    advice = re.search(r"created at [^;]*; (.+)$", message.splitlines()[0]) if message else None
    if advice:
        parts.append(f"advice “{advice.group(1)}”")
    return "; ".join(parts) if parts else message.splitlines()[0][:80] if message else ""

def creating_line(shape, message):
    named = [c for c in creates.get(shape, []) if c in message]
    return f"`{named[0]}`" if named else "no"

def med(xs):
    return statistics.median(xs) if xs else float("nan")

def cell(tool, shape):
    results = alone[tool][shape]
    failed = [d for d in results if d["status"] == "failed"]
    ours = [d for d in failed if caught_by(tool, d["message"])]
    ms = med([d["ms"] for d in results])
    timing = f"{ms / 1000:.1f} s" if ms >= 1000 else f"{ms:.0f} ms"
    if shape in LEAKS:
        text = f"caught {len(ours)}/{len(results)}" if ours else f"**missed** {len(results)}/{len(results)}"
    else:
        text = f"**false failure** {len(failed)}/{len(results)}" if failed else f"passed {len(results)}/{len(results)}"
    other = [d for d in failed if not caught_by(tool, d["message"])]
    if other:
        text += f" (+{len(other)} other failure)"
    return f"{text} · {timing}"

def what(tool, shape):
    failed = [d for d in alone[tool][shape] if d["status"] == "failed"]
    if not failed:
        return "—"
    m = failed[0]["message"]
    line = creating_line(shape, m) if shape in LEAKS else None
    return names(tool, m) + (f"; creating line {line}" if line else "")

def leaks_caught(tool):
    return sum(all(d["status"] == "failed" and caught_by(tool, d["message"]) for d in alone[tool][s]) for s in LEAKS)

def lines_named(tool):
    return sum(all(d["status"] == "failed" and creating_line(s, d["message"]) != "no" for d in alone[tool][s]) for s in LEAKS)

def false_failures(tool):
    return sum(any(d["status"] == "failed" for d in alone[tool][s]) for s in CORRECT)

def summarise(run_lines):
    t = tests(run_lines)
    caught = sum(1 for s in LEAKS if t.get(s, {}).get("status") == "failed")
    false = sum(1 for s in CORRECT if t.get(s, {}).get("status") == "failed")
    not_run = sum(1 for s in SHAPES if t.get(s, {"status": "not-run"})["status"] == "not-run")
    class_failures = sum(1 for d in run_lines if d.get("classFailure"))
    wall = sum(d["wallMs"] for d in run_lines if "wallMs" in d)
    return caught, false, not_run, class_failures, wall

def span(xs, fmt="{}"):
    lo, hi = min(xs), max(xs)
    return fmt.format(lo) if lo == hi else fmt.format(lo) + "–" + fmt.format(hi)

def whole_row(label, runs):
    rows = [summarise(r) for r in runs]
    return (f"| {label} | {span([r[0] for r in rows])} of {len(LEAKS)} | {span([r[1] for r in rows])} of {len(CORRECT)} | "
            f"{span([r[2] for r in rows])} of {len(SHAPES)} | {span([r[3] for r in rows])} | "
            f"{med([r[4] for r in rows]) / 1000:.1f} s |")

def not_run_span(runs):
    return span([summarise(r)[2] for r in runs])

def added(check, plain):
    both = [(c, p) for c, p in zip(cost[check], cost[plain]) if c is not None and p is not None]
    if not both:
        return "no JVM ran its rounds cleanly"
    deltas = [c - p for c, p in both]
    ratios = [c / p for c, p in both]
    spoiled = f"; {pairs - len(both)} of {pairs} JVMs left out, their rounds spoiled" if len(both) < pairs else ""
    return (f"{med([c for c, _ in both]):.2f} ms against {med([p for _, p in both]):.2f} ms: **{med(deltas):+.2f} ms** per test, "
            f"{med(ratios):.2f}× (pairs: {span([round(d, 2) for d in deltas], '{:+.2f}')} ms{spoiled})")

def steady_cell(twin):
    st = steady[twin]
    spoiled = f" ({st['spoiled']} of {pairs} JVMs spoiled)" if st["spoiled"] else ""
    return f"{st['bad']} of {st['expected']}{spoiled}"

def fresh_added(tool):
    deltas = [c - p for c, p in fresh[tool]]
    if not deltas:
        return "no correct test passed"
    return f"{med(deltas):+.0f} ms (median of {len(deltas)} pairs; interquartile {statistics.quantiles(deltas, n=4)[0]:.0f}–{statistics.quantiles(deltas, n=4)[2]:.0f} ms)" if len(deltas) > 1 else f"{med(deltas):+.0f} ms"

jv = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.strip().splitlines()[-1]
L = []
L.append("## LeakGate against randomizedtesting's thread leak check (`benchmarks/compare-randomizedtesting.sh`)\n")
L.append(f"`benchmarks/compare-randomizedtesting.sh {repeats} {rounds} {pairs}` (SEEDS=\"{' '.join(seeds)}\") on "
         f"{time.strftime('%Y-%m-%d')}, `{jv}`, {os.cpu_count()} CPUs, 1-minute load average "
         f"{min(loads):.1f}–{max(loads):.1f} during the run (other builds share the machine). "
         f"randomizedtesting-runner {rt_version} (JUnit 4, `@ThreadLeakScope(Scope.TEST)`, every other setting at its "
         f"default: no lingering, WARN + INTERRUPT, zombies ignore the remaining tests) against LeakGate's "
         f"`@LeakCheck` (JUnit 5, every setting at its default, `-javaagent`). "
         f"The common pool's parallelism is 4 in every JVM.\n")
L.append("| | randomizedtesting | LeakGate |")
L.append("| --- | --- | --- |")
L.append(f"| leaks caught, each test alone (every run) | {leaks_caught('rt')} of {len(LEAKS)} | {leaks_caught('lg')} of {len(LEAKS)} |")
L.append(f"| leaks whose creating line the message names | {lines_named('rt')} of {len(LEAKS)} | {lines_named('lg')} of {len(LEAKS)} |")
L.append(f"| correct tests failed, each test alone (in any run) | {false_failures('rt')} of {len(CORRECT)} | {false_failures('lg')} of {len(CORRECT)} |")
L.append(f"| the class run as one: tests that did not run | {not_run_span(whole['rt'])} of {len(SHAPES)} ({len(seeds)} seed{'s' if len(seeds) != 1 else ''}) | "
         f"{not_run_span(whole['lg'])} of {len(SHAPES)}; in parallel (8): {not_run_span(whole['lg-parallel'])} |")
L.append(f"| added time per correct test, steady state | {added('randomizedrunner', 'plain-junit4')} | {added('leakcheck', 'plain-jupiter')} |")
L.append(f"| the same, LeakGate with `leakgate.junit.settle=0` | | {added('leakcheck-settle0', 'plain-jupiter')} |")
L.append(f"| correct tests failed or not run in those rounds (warm-up rounds included) | {steady_cell('randomizedrunner')} | "
         f"{steady_cell('leakcheck')}; with `settle=0`: {steady_cell('leakcheck-settle0')} |")
L.append(f"| a fresh JVM running one correct test that passes, against no check (process wall time) | {fresh_added('rt')} | {fresh_added('lg')} |")
L.append("")
L.append(f"### Each test alone (a fresh JVM per test, {repeats} runs each; median test time)\n")
L.append("| shape | randomizedtesting | what it names | LeakGate | what it names |")
L.append("| --- | --- | --- | --- | --- |")
for shape, label in SHAPES.items():
    kind = "leak" if shape in LEAKS else "correct"
    L.append(f"| {kind}: {label} (`{shape}`) | {cell('rt', shape)} | {what('rt', shape)} | {cell('lg', shape)} | {what('lg', shape)} |")
L.append("")
L.append("### The whole class as one run\n")
L.append("| run | leaks caught | correct tests failed | tests that did not run | class-level failures | time (median) |")
L.append("| --- | --- | --- | --- | --- | --- |")
L.append(whole_row(f"randomizedtesting, seeds {', '.join(seeds)} (it shuffles the order)", whole["rt"]))
L.append(whole_row(f"LeakGate, sequential ({repeats} runs)", whole["lg"]))
L.append(whole_row(f"LeakGate, 8 in parallel ({repeats} runs)", whole["lg-parallel"]))
L.append("")
L.append("### Cost per test\n")
L.append(f"The {len(CORRECT)} correct tests, {rounds} rounds in one JVM after one unchecked round that builds what the process "
         f"keeps (the first {WARMUP_ROUNDS} rounds are warm-up), {pairs} JVMs per side in alternating order; the median of the "
         f"rounds where all {len(CORRECT)} tests ran and passed, divided by {len(CORRECT)}, then per pair of JVMs the check's "
         f"figure against the same tests with no check at all (plain JUnit 4; plain JUnit 5 without the agent). A JVM where "
         f"fewer than half the measured rounds ran cleanly is spoiled: a round cut short by a skip is not a cost.\n")
L.append("| twin | ms per test (per JVM) |")
L.append("| --- | --- |")
for twin, xs in cost.items():
    L.append(f"| {twin} | " + ", ".join("spoiled" if x is None else f"{x:.2f}" for x in xs) + " |")
L.append("")
L.append("### One message of each (the first leak shape, first lines)\n")
for tool, title in (("rt", "randomizedtesting"), ("lg", "LeakGate")):
    failed = [d for d in alone[tool]["poolNeverShutDown"] if d["status"] == "failed"]
    if failed:
        L.append(f"{title}:\n```\n" + "\n".join(failed[0]["message"].splitlines()[:6]) + "\n```")
text = "\n".join(L) + "\n"
open(os.path.join(out, "compare-randomizedtesting.md"), "w").write(text)
print(text)
PY
