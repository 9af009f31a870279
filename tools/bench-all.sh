#!/usr/bin/env bash
# Runs dezero-java's benchmark workloads and the peers' (shared/bench/peers.py) in one session on this
# machine, then prints one table with ratios. Needs: a JDK, python3 with NumPy (for the numpy peer),
# Debian's python3-torch for the torch peer (apt-get install -y python3-torch libopenblas0-pthread),
# DeZero optional (DEZERO_PATH=<checkout>).
#
#   tools/bench-all.sh [OUTDIR] [WORKLOADS]      e.g. tools/bench-all.sh /tmp/bench W1,W2,W3,W4,W5
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/dezero-out/bench}"
only="${2:-W1,W2,W3,W4,W5}"
peers="${PEERS_PY:-$root/../shared/bench/peers.py}"
mkdir -p "$out"
cd "$root"
./mvnw -q -B -ntp -pl dezero-bench -am package -DskipTests
lib="$root/dezero-core/target/classes"
# The JVM flags a training job would use: the Vector API, and a throughput collector with a
# pre-sized heap whose pages are mapped at start (large arrays are allocated every step), and C2's
# speculation kept alive in the Vector API loops on JDK 17 (see the Javadoc of dezero.bench.Bench).
JVM_FLAGS="${JVM_FLAGS:---add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:PerMethodTrapLimit=1000}"
echo "# dezero-java ($only) with $JVM_FLAGS" >&2
java $JVM_FLAGS -cp "$root/dezero-bench/target/classes:$lib" dezero.bench.Bench --only "$only" > "$out/dezero-java.jsonl"
np_only=$(echo "$only" | tr ',' '\n' | grep -E '^W[23]$' | paste -sd, - || true)
th_only=$(echo "$only" | tr ',' '\n' | grep -E '^W[1-7]$' | grep -vE '^W[23]$' | paste -sd, - || true)
if [ -n "$np_only" ]; then
  echo "# numpy ($np_only), $(python3 -c 'import numpy; print(numpy.__version__)')" >&2
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$peers" --impl numpy --only "$np_only" > "$out/numpy.jsonl"
  if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
    echo "# numpy of Debian's python3 ($np_only), $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')" >&2
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$peers" --impl numpy --only "$np_only" \
      | sed 's/"impl": "numpy"/"impl": "numpy-debian"/' > "$out/numpy-debian.jsonl"
  fi
fi
if [ -n "$th_only" ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "# torch ($th_only)" >&2
  /usr/bin/python3 "$peers" --impl torch --only "$th_only" > "$out/torch.jsonl"
  /usr/bin/python3 "$peers" --impl torch --torch-omp-passive --only "$th_only" > "$out/torch-passive.jsonl"
  if [ -n "${DEZERO_PATH:-}" ]; then
    echo "# dezero ($th_only)" >&2
    /usr/bin/python3 "$peers" --impl dezero --only "$th_only" > "$out/dezero.jsonl"
  fi
fi
python3 "$root/tools/compare.py" "$out"/*.jsonl | tee "$out/table.md"
