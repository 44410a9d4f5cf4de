#!/usr/bin/env bash
# Every compression technique against one cnn baseline on Fashion-MNIST, in one JVM, with greendl's training loop
# (org.greendl.benchmarks.compress.CompressExperiments); results.json in OUT_DIR after each experiment.
#
#   benchmarks/compress-all/run.sh OUT_DIR [EXPERIMENTS]     (EXPERIMENTS: structured,unstructured,distill,lowrank,qat)
#
# Sizes are system properties (defaults: full data). The figures in compress/README.md came from:
#   JAVA_OPTS="-Dbaseline.epochs=2 -Dbaseline.limit=20000 -Dtest.limit=5000 -Dfinetune.limit=10000
#              -Ddistill.limit=10000 -Ddistill.epochs=2" THREADS=2
# If OUT_DIR/baseline-cnn.params exists (DJL parameters of the zoo cnn, e.g. a copy of a `greendl train` run's
# model.params) it is used as the baseline instead of training one.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:?usage: run.sh OUT_DIR [EXPERIMENTS]}"
mkdir -p "$out"
"$here/../common/classpath.sh" >/dev/null # builds the benchmarks module and its lib folder
# Run from a copy of the jars, so rebuilding the project does not pull them from under a long run.
mkdir -p "$out/cp" && cp "$root/benchmarks/target/greendl-benchmarks.jar" "$root"/benchmarks/target/lib/*.jar "$out/cp/"
exec ${NICE:-nice -n 5} java ${JAVA_OPTS:-} -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="${THREADS:-2}" \
  -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "$out/cp/*" org.greendl.benchmarks.compress.CompressExperiments "$out" ${2:-}
