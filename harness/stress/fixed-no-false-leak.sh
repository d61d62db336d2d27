#!/usr/bin/env bash
# Probes the fixed variant again and again at concurrency 8 and counts false LEAK verdicts.
# Usage: harness/stress/fixed-no-false-leak.sh [runs]   (default 20; loopback only; stops its server)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-20}"
jar=harness/target/leakgate.jar
[[ -f $jar ]] || mvn -B -q -pl harness -am package -DskipTests
log=$(mktemp)
java -jar "$jar" serve --variant fixed --port 0 --pool-size 8 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n ${url:-} ]] || { echo "the service did not start: $(cat "$log")"; exit 2; }
leaks=0; clean=0; other=0
for i in $(seq "$runs"); do
  set +e
  out=$(java -jar "$jar" probe --pid "$server" --url "$url/create_agent" --body '{"agent":{"id":"stress"}}' \
        --concurrency 8 --warmup 8 --requests 24 2>&1)
  code=$?
  set -e
  status=$(grep -o 'LeakGate report ([^)]*): [A-Z]*' <<<"$out" | awk '{print $NF}')
  case "$status" in
    LEAK) leaks=$((leaks + 1)); echo "run $i: LEAK (false)" ;;
    CLEAN) clean=$((clean + 1)) ;;
    *) other=$((other + 1)); echo "run $i: ${status:-no verdict} (exit $code)"; echo "$out" | tail -3 ;;
  esac
done
echo "runs $runs, false LEAK $leaks, CLEAN $clean, other $other"
[[ $leaks -eq 0 ]]
