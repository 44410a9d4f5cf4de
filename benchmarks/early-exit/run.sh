#!/usr/bin/env bash
# Early exit on real Fashion-MNIST: trains the plain `cnn` and `early-exit-cnn` (same backbone, two extra linear
# exits, joint loss) with the same settings, then evaluates both on the 10,000 test images: accuracy, where
# samples leave at each confidence threshold, average MACs per image, and test-pass time (interleaved A B A B).
# EPOCHS (default 3), TRAIN_LIMIT (training images used, default all 60000), THREADS (default 2) and DATA
# (default /usr/share/datasets/fashion-mnist), TIME_REPS (timed test passes, default 5) may be set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cp="$("$here/../common/classpath.sh")"
mkdir -p "$here/results"
threads="${THREADS:-2}"
${NICE:-nice} java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error -DtimeReps="${TIME_REPS:-5}" \
  -cp "$cp" org.greendl.benchmarks.earlyexit.EarlyExitBench "${DATA:-/usr/share/datasets/fashion-mnist}" "${EPOCHS:-3}" \
  "$here/results/early-exit.json" "${TRAIN_LIMIT:-60000}"
