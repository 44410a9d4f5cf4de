#!/usr/bin/env bash
# Tracker overhead: a CPU-bound single-thread Java loop with the tracker sampling every second (B) vs without
# (A), interleaved A B A B in one JVM after warm-up; Tracker.start latency in fresh JVMs; heap peaks.
# Usage: benchmarks/tracker-overhead/run.sh [PAIRS (default 7)] [ITERATIONS per segment (default 1.5e9: ~3 s of CPU, so that the 10 ms CPU-time tick is 0.3 %)]
# Each pair reports wall time and the JVM's CPU time (worker + sampling thread + GC + JIT): on a shared, loaded
# machine the wall ratio carries the neighbours' noise; the CPU ratio is what the tracker itself adds.
# Targets: median pair ratio B/A <= 1.01; Tracker.start (first reading included) <= 100 ms; extra peak heap <= 20 MB.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pairs="${1:-7}"
iterations="${2:-1500000000}"

cp="$("$here/../common/classpath.sh")"
main=org.greendl.benchmarks.trackeroverhead.TrackerOverhead
# Serial GC and a fixed heap: heap peaks then come from allocation only, not from collector ergonomics.
jvm=(java -XX:+UseSerialGC -Xms512m -Xmx512m -cp "$cp")

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Tracker.start in fresh JVMs (5 runs)"
for i in 1 2 3 4 5; do nice "${jvm[@]}" "$main" start; done
echo "== heap and sampling-thread CPU (tracker sampling every 1 s for 40 s, no TLAB)"
nice java -XX:+UseSerialGC -XX:-UseTLAB -Xms512m -Xmx512m -cp "$cp" "$main" heap 40
echo "== $pairs pairs, $iterations xorshift iterations per segment, 1 thread"
nice "${jvm[@]}" "$main" pairs "$pairs" "$iterations"
