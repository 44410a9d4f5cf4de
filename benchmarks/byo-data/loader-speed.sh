#!/usr/bin/env bash
# Images per second of each "your data" loader on one Fashion-MNIST subset written as a PNG folder tree, CSV,
# npz and IDX (folder: first load decoding every PNG, then from the disk cache, then from the run's memory);
# medians of RUNS loads. Runs greendl-data's LoaderSpeed main from the module's test class path.
#
#   TRAIN=10000 RUNS=3 benchmarks/byo-data/loader-speed.sh
#
# WORK (default runs/byo-data) keeps the written files between invocations. Needs Fashion-MNIST where
# FashionMnist.locate finds it (e.g. Debian's dataset-fashion-mnist).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/byo-data}"
TRAIN="${TRAIN:-10000}"
RUNS="${RUNS:-3}"
# Test classes and the test class path, built inside the reactor; nothing is installed.
(cd "$root" && nice -n 15 mvn -o -q -B -pl data -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test) >&2
cp="$root/data/target/test-classes:$root/data/target/classes:$(cat "$root/data/target/test-classpath.txt")"
mkdir -p "$WORK"
nice -n 15 java -cp "$cp" org.greendl.data.spec.LoaderSpeed "$WORK" "$TRAIN" "$RUNS"
