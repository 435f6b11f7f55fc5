#!/usr/bin/env bash
# Sweep scaling benchmark (issue 3): 200 points, each an N = 80 Watts-Strogatz network of van der
# Pol oscillators simulated to t = 200, run with 1 thread and with 2 threads through ./vdpnet.
# Also measures the machine's own ceiling for 2 threads of FP-bound work (bench/ParallelCeiling.java)
# and checks that both runs give the identical summary.csv.
# Usage: bench/sweep.sh [integrator]   (dop853, the default, or rk4)
set -euo pipefail
cd "$(dirname "$0")/.."
method=${1:-dop853}
./vdpnet --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/sweep200.sh
sweep200_yaml "$method" > "$work/sweep200.yaml"
run() { local t0 t1; t0=$(date +%s.%N); ./vdpnet run "$work/sweep200.yaml" --out "$work/out$1" --threads "$1" --quiet; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
run 2 >/dev/null && rm -rf "$work/out2"   # warm-up: file cache, class data
t1=$(run 1); t2=$(run 2)
cmp "$work/out1/summary.csv" "$work/out2/summary.csv"
ceiling=$(java bench/ParallelCeiling.java)
s1=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['outcome']['wallSeconds'])" "$work/out1/provenance.json")
s2=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['outcome']['wallSeconds'])" "$work/out2/provenance.json")
echo "sweep of 200 points ($method), $(nproc) cores, whole command: 1 thread ${t1}s, 2 threads ${t2}s, speedup $(echo "scale=2; $t1 / $t2" | bc)x"
echo "  study phase (provenance wallSeconds, without JVM start and planning): ${s1}s vs ${s2}s, speedup $(echo "scale=2; $s1 / $s2" | bc)x; summary.csv identical"
echo "  machine ceiling for 2 threads of FP-bound work (bench/ParallelCeiling.java, median of 3): ${ceiling}x"
