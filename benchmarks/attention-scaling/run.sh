#!/usr/bin/env bash
# Softmax vs linear attention, 64..1024 tokens: MACs (profiler) and median forward time per length.
# Interleaved (softmax, linear, softmax, linear, ... per repetition), 1 intra-op and 1 inter-op thread, batch 1,
# embedding 128, 4 heads, after warm-up. Writes results/attention-scaling.csv and prints a table.
# REPEATS (default 15) and NICE (default "nice"; "env" to run at normal priority) may be set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cp="$("$here/../common/classpath.sh")"
mkdir -p "$here/results"
${NICE:-nice} java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "$cp" org.greendl.benchmarks.attentionscaling.AttentionScaling "${REPEATS:-15}" "$here/results/attention-scaling.csv"
