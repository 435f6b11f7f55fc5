#!/usr/bin/env bash
# Sweep points side by side (issue 16): the 200-point sweep of bench/sweep.sh with RK4 (one N = 80 Watts-Strogatz
# graph, 200 coupling strengths), on the thread pool with 2 threads, one point per task against --ensemble 100
# (two tasks of 100 points, each integrated as one ensemble), in the same run; checks that summary.csv is identical.
# Usage: bench/sweep-ensemble.sh [points-per-task [method]]   (defaults 100 and rk4; with dop853 both arms run point by
# point, as sweeps run adaptive points one by one: the 0.91x of bench/RESULTS.md was measured at commit d67df36)
set -euo pipefail
cd "$(dirname "$0")/.."
width=${1:-100}
method=${2:-rk4}
./vdpnet --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. bench/sweep200.sh
sweep200_yaml "$method" > "$work/sweep200.yaml"
mkdir -p "$work/jar" && cp scenarios/target/vdpnet.jar "$work/jar/"   # editing sources meanwhile cannot trigger a rebuild
run() { local t0 t1; t0=$(date +%s.%N); VDPNET_JAR="$work/jar/vdpnet.jar" ./vdpnet run "$work/sweep200.yaml" --out "$work/$1" --threads 2 --quiet "${@:2}"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
wall() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['outcome']['wallSeconds'])" "$work/$1/provenance.json"; }
run warm >/dev/null && rm -rf "$work/warm"
# the arms alternate, 3 times each (the machine is noisy): medians of the whole command and of the study phase
declare -a T1 TE W1 WE
for r in 1 2 3; do
  rm -rf "$work/one" "$work/side"
  T1+=("$(run one)"); W1+=("$(wall one)")
  TE+=("$(run side --ensemble "$width")"); WE+=("$(wall side)")
  cmp "$work/one/summary.csv" "$work/side/summary.csv"
done
med() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
t1=$(med "${T1[@]}"); te=$(med "${TE[@]}"); w1=$(med "${W1[@]}"); we=$(med "${WE[@]}")
echo "sweep of 200 points ($method, h = 0.01 or rtol 1e-8, t = 200), 2 threads: one point per task vs --ensemble $width (medians of 3, alternating)"
echo "  whole command: ${t1}s vs ${te}s, speedup $(echo "scale=2; $t1 / $te" | bc)x"
echo "  study phase (provenance wallSeconds): ${w1}s vs ${we}s, speedup $(echo "scale=2; $w1 / $we" | bc)x; summary.csv identical"
