#!/usr/bin/env bash
# The LSTM training benchmark: vdpnet's LstmNetwork (LstmMath) against PyTorch on the same
# network and data, in the same run. Needs Debian's python3-torch (installed here if missing).
# Usage: bench/lstm.sh [epochs [batch]]
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-5}
batch=${2:-32}
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "bench: installing PyTorch from Debian" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >&2
fi
mvn -q -B -Pbench -DskipTests package -pl bench -am
java_line=$(OMP_NUM_THREADS=1 java -cp bench/target/vdpnet-bench.jar org.vdpnet.bench.LstmBench "$epochs" "$batch" | tail -1)
torch_line=$(/usr/bin/python3 bench/lstm_peer.py 1 "$epochs" "$batch" | tail -1)
echo "$java_line"
echo "$torch_line"
j=$(echo "$java_line" | sed -E 's/.*epoch_s ([0-9.]+).*/\1/')
t=$(echo "$torch_line" | sed -E 's/.*epoch_s ([0-9.]+).*/\1/')
echo "ratio vdpnet/pytorch per epoch: $(echo "scale=2; $j / $t" | bc) (target <= 1.5)"
