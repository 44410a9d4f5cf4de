#!/usr/bin/env bash
# text-transformer with softmax vs linear attention, 64..1024 tokens of generated, padded token ids: MACs (profiler)
# and the median forward time per sequence, interleaved (softmax, linear, ... in every round), 1 intra-op and
# 1 inter-op thread. Writes results/linear-attention.csv and prints a table. Model-level, generated tokens: the
# real-text figures come from the Debian sections dataset once it is packaged.
# REPEATS (default 9), BATCH (default 8) and NICE (default "nice"; "env" for normal priority) may be set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cp="$("$here/../common/classpath.sh")"
mkdir -p "$here/results"
${NICE:-nice} java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "$cp" org.greendl.benchmarks.text.TextAttentionScaling "${REPEATS:-9}" "${BATCH:-8}" \
  "$here/results/linear-attention.csv"
