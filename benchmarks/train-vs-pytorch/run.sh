#!/usr/bin/env bash
# Train step time, greendl vs PyTorch: the same CNN (greendl's zoo `cnn`), the same batch size and number of
# steps, Adam lr 1e-3, Fashion-MNIST, 2 threads on each side. PyTorch is Debian's python3-torch run by
# /usr/bin/python3 with OpenBLAS. The two run alternately (A B A B ...) in ROUNDS rounds, each a fresh process
# that times every step after a warm-up; the figure is the median over rounds of greendl's median step time
# divided by PyTorch's in the same round. Target: ratio <= 1.0.
#
# Usage: benchmarks/train-vs-pytorch/run.sh [ROUNDS] [STEPS] [BATCH]   (defaults 5 60 64)
# Writes benchmarks/train-vs-pytorch/results.json and prints a summary.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-5}"
steps="${2:-60}"
batch="${3:-64}"
warmup=20  # steps; a fresh JVM compiles its hot paths during the first ones
threads=2
data="${GREENDL_DATA:-/usr/share/datasets/fashion-mnist}"

# PyTorch and OpenBLAS from Debian, installed when missing.
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! ldconfig -p | grep -q libopenblas; then
  SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch libopenblas0 >/dev/null
fi

# GREENDL_CP: the class path of an already built benchmarks module (its jar and lib/*), to skip the build.
cp="${GREENDL_CP:-$("$here/../common/classpath.sh")}"
# Same thread settings on both sides; OpenMP threads wait passively (spinning collapses on a shared machine).
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads MKL_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for ((r = 1; r <= rounds; r++)); do
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
    -cp "$cp" org.greendl.benchmarks.trainvspytorch.TrainStep --batch "$batch" --steps "$steps" --warmup "$warmup" \
    2>/dev/null | grep '^{' | sed "s/^{/{\"round\": $r, /" >> "$results"
  /usr/bin/python3 "$here/train_step.py" --data "$data" --batch "$batch" --steps "$steps" --warmup "$warmup" \
    --threads "$threads" | sed "s/^{/{\"round\": $r, /" >> "$results"
  tail -n 2 "$results" >&2
done

/usr/bin/python3 - "$results" "$here/results.json" "$rounds" "$steps" "$batch" "$threads" <<'PY'
import json, statistics, sys, platform
rows = [json.loads(l) for l in open(sys.argv[1])]
out_path, rounds, steps, batch, threads = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
by_round = {}
for r in rows:
    by_round.setdefault(r["round"], {})[r["impl"]] = r
ratios = [v["greendl"]["median_ms"] / v["pytorch"]["median_ms"] for v in by_round.values() if len(v) == 2]
g = [v["greendl"]["median_ms"] for v in by_round.values() if "greendl" in v]
p = [v["pytorch"]["median_ms"] for v in by_round.values() if "pytorch" in v]
summary = {
    "benchmark": "train-vs-pytorch", "model": "cnn", "batch": batch, "steps_per_round": steps,
    "rounds": rounds, "threads": threads, "order": "greendl, pytorch alternating per round",
    "greendl_median_step_ms": statistics.median(g), "pytorch_median_step_ms": statistics.median(p),
    "ratio_median": statistics.median(ratios), "ratios": ratios, "target": "ratio <= 1.0",
    "torch_version": rows[-1].get("torch"), "cpu": platform.processor() or platform.machine(), "rows": rows,
}
json.dump(summary, open(out_path, "w"), indent=2)
print("greendl median step %.1f ms, pytorch %.1f ms, ratio greendl/pytorch median %.3f over %d rounds (%s)"
      % (summary["greendl_median_step_ms"], summary["pytorch_median_step_ms"], summary["ratio_median"],
         len(ratios), ", ".join("%.3f" % r for r in ratios)))
PY
