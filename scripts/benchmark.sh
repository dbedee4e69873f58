#!/usr/bin/env bash
# Runs one benchmark on demand (benchmarks are never part of the test suite).
#   scripts/benchmark.sh report.ReporterBenchmark --reports 1000000
#   scripts/benchmark.sh rule.ProbeRoundTripBenchmark 1000
#   scripts/benchmark.sh rule.RuleCompileBenchmark
# The class name is relative to io.captchafeedback.benchmarks; further arguments go to its main.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n 2,6p "$0"; exit 2; }
class="io.captchafeedback.benchmarks.$1"; shift
scripts/ensure-chromium.sh
./mvnw -B -q -ntp install -DskipTests
./mvnw -B -q -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java ${BENCH_JAVA_OPTS:--Xmx512m} -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$class" "$@"
