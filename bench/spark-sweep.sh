#!/usr/bin/env bash
# Spark engine overhead (issue 15): the 200-point sweep of bench/sweep.sh (N = 80 Watts-Strogatz van der Pol
# networks to t = 200) run through ./vdpnet with the local thread pool (--threads 2) and with
# --engine spark --master local[2], in the same run. Reports the whole command's time, the study phase (provenance
# wallSeconds: from the first task to the last file, after the engine is up) and their ratio, the fixed start-up
# cost of the Spark context (recorded by the engine) separately, and checks that summary.csv is identical.
# Usage: bench/spark-sweep.sh [integrator]   (dop853, the default, or rk4)
set -euo pipefail
cd "$(dirname "$0")/.."
method=${1:-dop853}
./vdpnet --version >/dev/null
./vdpnet --engine spark --version >/dev/null 2>&1 || true   # builds the Spark jar on first use
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/sweep200.sh
sweep200_yaml "$method" > "$work/sweep200.yaml"
# the jars are copied first, so that editing sources while the benchmark runs cannot trigger a rebuild
mkdir -p "$work/jar-local" "$work/jar-spark"
cp scenarios/target/vdpnet.jar "$work/jar-local/"
cp distributed/target/vdpnet-spark.jar distributed/target/spark-classpath.txt "$work/jar-spark/"
run() {
  local t0 t1 jar="$work/jar-local/vdpnet.jar"
  [[ " $* " == *" spark "* ]] && jar="$work/jar-spark/vdpnet-spark.jar"
  t0=$(date +%s.%N); VDPNET_JAR="$jar" ./vdpnet run "$work/sweep200.yaml" --out "$work/$1" --quiet "${@:2}"; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
wall() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['outcome']['wallSeconds'])" "$work/$1/provenance.json"; }
run warm --threads 2 >/dev/null && rm -rf "$work/warm"   # warm-up: file cache, class data
tl=$(run local --threads 2)
ts=$(run spark --engine spark --master 'local[2]')
cmp "$work/local/summary.csv" "$work/spark/summary.csv"
wl=$(wall local); ws=$(wall spark)
start=$(python3 -c "import json,re,sys; e=json.load(open(sys.argv[1]))['settings']['executor']; print(re.search(r'contextStartSeconds=([0-9.]+)', e).group(1))" "$work/spark/provenance.json")
echo "sweep of 200 points ($method), $(nproc) cores: thread pool (2 threads) vs Spark local[2]"
echo "  whole command: ${tl}s vs ${ts}s, ratio $(echo "scale=3; $ts / $tl" | bc)"
echo "  study phase (provenance wallSeconds, engine already up): ${wl}s vs ${ws}s, ratio $(echo "scale=3; $ws / $wl" | bc) (overhead goal <= 1.25)"
echo "  Spark context start-up (fixed cost, outside the study phase): ${start}s; summary.csv identical"
