#!/usr/bin/env bash
# What the agent costs: JVM start with vs without it, the one-time cost when the SDK first loads,
# and processor build+shutdown with vs without it, side by side in one run. Prints ratios.
# Usage: agent/bench/run.sh [rounds] [cycles]      (JAVA_HOME picks the JDK; default: java on PATH)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f agent/target/leakgate-agent.jar || ! -d agent/target/otel-1.68.0 ]]; then
  mvn -B -q -pl agent package -DskipTests dependency:copy@otel-current
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" agent/bench/AgentCostBench.java agent/target/leakgate-agent.jar agent/target/otel-1.68.0 "${1:-21}" "${2:-500}"
