#!/usr/bin/env bash
# Energy-efficient training strategies against the plain loop: energy and time until validation accuracy first
# reaches a target (run.json's time_to_accuracy) and final test accuracy, over several seeds.
#   benchmarks/train-strategies/run.sh [LIMIT] [EPOCHS] [TARGET] [SEEDS]
# LIMIT: training images (default 60000 = all); EPOCHS (default 10); TARGET accuracy (default 0.9);
# SEEDS: space-separated (default "1 2 3"). Runs are interleaved (seed by seed, every arm once per seed) because
# the machine is shared and noisy. Threads fixed by GREENDL_THREADS (default 2). ARMS overrides the arm list
# (MODEL/STRATEGY, STRATEGY "none" = the plain loop). TRACKING=machine|process (default process: the run's own
# share of the CPU by CPU time, so other jobs on a shared machine are not billed to it).
# Results: out/<LIMIT>-<EPOCHS>/summary.md (and .json).
# A finished arm/seed (its run.json exists and was not interrupted) is skipped, so a killed benchmark resumes
# where it stopped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
limit="${1:-60000}"; epochs="${2:-10}"; target="${3:-0.9}"; seeds="${4:-1 2 3}"
export GREENDL_THREADS="${GREENDL_THREADS:-2}"
# PyTorch's OpenMP threads spin while waiting; on a shared machine that slows training many times over.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
data="${GREENDL_DATA:-/usr/share/datasets/fashion-mnist}"
arms="${ARMS:-cnn/none cnn/freeze cnn/warmup-cosine cnn/label-smoothing cnn/init-xavier cnn/init-orthogonal \
cnn/no-batchnorm cnn/grad-accum:4 cnn/grow cnn/widen mobilenet-mini/none mobilenet-mini/stochastic-depth}"
tracking="${TRACKING:-process}"
out="$here/out/$limit-$epochs"
mkdir -p "$out"
for seed in $seeds; do
  for arm in $arms; do
    model="${arm%%/*}"; strategy="${arm#*/}"
    dir="$out/${model}__${strategy//:/-}/seed-$seed"
    # A run stopped by a signal also writes run.json (stop_reason "interrupted"): run it again.
    if [[ -f "$dir/run.json" ]] && ! grep -q '"stop_reason" *: *"interrupted"' "$dir/run.json"; then
      continue
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    echo "$(date -u +%H:%M:%S) $model --strategy $strategy seed $seed" >&2
    nice "$root/greendl" train --model "$model" --strategy "$strategy" --epochs "$epochs" --limit "$limit" \
        --seed "$seed" --data "$data" --out "$dir" --target-accuracy-for-eta "$target" --tracking-mode "$tracking" --progress none \
        --format json > /dev/null 2> "$dir/train.log" || echo "  failed: see $dir/train.log" >&2
  done
done
python3 "$here/summarize.py" "$out" "$target" | tee "$out/summary.md"
