#!/usr/bin/env bash
# The simulator benchmark: vdpnet (Java) against SciPy and numba on the same systems, in the same run: single networks
# (RHS cost, DOP853, RK4) and ensembles (ENS_REPS repetitions, default 3).
# Needs: apt-get install -y python3-scipy python3-numba (Debian's packages; /usr/bin/python3).
# Writes bench/results/sim-<date>.tsv and prints the ratio table.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-5}
mkdir -p bench/results
if ! /usr/bin/python3 -c 'import scipy, numba' 2>/dev/null; then
  echo "bench: installing SciPy and numba from Debian" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-scipy python3-numba >&2
fi
mvn -q -B -Pbench -DskipTests package -pl bench -am
out=bench/results/sim-$(date -u +%Y%m%dT%H%M%SZ).tsv
{
  echo "# $(nproc) cores; $(java -version 2>&1 | head -1); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
  java -Xss8m -jar bench/target/vdpnet-bench.jar bench/results/systems "$reps"
  /usr/bin/python3 bench/peers.py bench/results/systems "$reps" | grep -v '^#'
  # ensembles (issue 16): 200 members of one N = 80 graph, RK4; vdpnet member by member and side by side, then the peers
  # (their '#' lines, the identity and accuracy checks, go into the TSV with the numbers)
  java -cp bench/target/vdpnet-bench.jar org.vdpnet.bench.EnsembleBench bench/results/systems "${ENS_REPS:-3}" 2>&1
  /usr/bin/python3 bench/peers_ensemble.py bench/results/systems "${ENS_REPS:-3}" 2>&1
} | tee "$out"
/usr/bin/python3 bench/report.py "$out"
