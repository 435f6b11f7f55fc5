#!/usr/bin/env bash
# 20 runs of the forecasting tests with the other core kept busy (a `yes` loop), no rebuild between runs.
# Needs the modules built once before (mvn -o -q -B -DskipTests install); runs: bench/stress-forecast-tests.sh
cd "$(dirname "$0")/.."
yes > /dev/null &
busy=$!
trap 'kill $busy' EXIT
pass=0
for i in $(seq 1 20); do
  t0=$(date +%s)
  if mvn -o -q -B -pl hybrid,scenarios surefire:test -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest='LstmNetworkTest,LstmForecasterTest,ResidualForecasterTest,EarlyStoppingTest,LstmMathTest,ForecastCommandTest,EvaluateCommandTest,LeakageTest,ForecastDataTest' > "${TMPDIR:-/tmp}/stress-$i.log" 2>&1; then
    pass=$((pass+1)); echo "run $i: pass ($(( $(date +%s) - t0 )) s)"
  else
    echo "run $i: FAIL ($(( $(date +%s) - t0 )) s)"; grep -E "Tests run|FAIL|SIGSEGV|fatal" "${TMPDIR:-/tmp}/stress-$i.log" | head -5
  fi
done
echo "$pass of 20 passed"
grep -l "A fatal error\|SIGSEGV" "${TMPDIR:-/tmp}"/stress-*.log 2>/dev/null | head
