#!/usr/bin/env bash
# Structured pruning's real speed-up: batch-64 inference of the baseline and the channel-pruned model, measured
# side by side in one JVM (A B A B, alternating which goes first), medians of ROUNDS, engine threads fixed.
#
#   benchmarks/compress-structured/run.sh BASELINE_DIR [PRUNED_DIR] [THREADS] [ROUNDS]
#
# BASELINE_DIR is a folder written by `greendl train --model cnn`. Without PRUNED_DIR the script first makes one:
# `greendl prune BASELINE_DIR --structured --ratio 0.5 --fine-tune-epochs 1` (into a temp folder).
# Latency does not depend on weight values, so a DJL parameter file of the zoo cnn also works:
#   java -cp "$(benchmarks/common/classpath.sh)" -Dai.djl.pytorch.num_threads=1 \
#     org.greendl.benchmarks.compress.StructuredSpeed --params CNN.params 0.5 64 41
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base="${1:?usage: run.sh BASELINE_DIR [PRUNED_DIR] [THREADS] [ROUNDS]}"
pruned="${2:-}"
threads="${3:-1}"
rounds="${4:-41}"

if [[ -z "$pruned" ]]; then
  pruned="$(mktemp -d)/cnn-channels"
  GREENDL_THREADS="$threads" nice -n 5 "$root/greendl" prune "$base" --structured --ratio 0.5 \
    --fine-tune-epochs 1 --progress lines --out "$pruned" >&2
fi
cp="$("$here/../common/classpath.sh")"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" # spinning OpenMP threads distort timings on shared CPUs
exec nice -n 5 java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "$cp" org.greendl.benchmarks.compress.StructuredSpeed \
  "$base" "$pruned" 64 "$rounds"
