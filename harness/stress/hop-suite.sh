#!/usr/bin/env bash
# Runs the hop suite (every way a test hands work to another thread; leaks, churn and clean twins),
# one test at a time and with JUnit parallel execution, RUNS times each in one JVM, and prints per
# mode the runs with a miss or a false failure (expected: 0).
# Usage: harness/stress/hop-suite.sh [RUNS] [extra mvn options, e.g. -Djunit.version=6.1.3
#        -Djvm=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
shift || true
if ! [[ "$runs" =~ ^[1-9][0-9]{0,2}$ ]]; then
  echo "hop-suite.sh: RUNS must be a whole number from 1 to 999, got '$runs'" >&2
  exit 2
fi
# the reactor, so the modules come from this tree and never from ~/.m2
set +e
mvn -B -pl harness -am verify -DskipITs -Dtest=HopSuiteTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dleakgate.hop.repeats="$runs" "$@" | grep -E '^hop suite|Tests run:.*HopSuiteTest|BUILD|ERROR\]'
exit "${PIPESTATUS[0]}"
