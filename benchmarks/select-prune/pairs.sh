#!/usr/bin/env bash
# Data pruning against full data with the two trainings in separate processes, two processes at a time, so a
# long comparison (many epochs, several seeds) uses both cores of a small machine. Per seed: OUT/pruned-s<seed>
# (score, keep, train on the kept part) and OUT/full-s<seed> (the same command with --score random --keep 1: all
# training images, the same schedule, seed and epochs; nothing is scored). Then OUT/summary.md (summarize_pairs.py).
#
#   OUT=OUT/pd-cnn-e16 MODEL=cnn EPOCHS=16 SEEDS="1 2 3" benchmarks/select-prune/pairs.sh
#
# PRUNE sets the pruned run's selection (default: EL2N from a lenet5 proxy, stratified, class-balanced, hardest 2 %
# skipped, keep 0.5); EXTRA adds options to both (default: --schedule cosine). Finished runs are skipped, so a
# killed benchmark resumes. GREENDL_THREADS defaults to 1 (PyTorch intra-op threads per process).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
GREENDL="${GREENDL:-$root/greendl}"
OUT="${OUT:-$root/runs/select-prune-pairs}"
MODEL="${MODEL:-cnn}"
EPOCHS="${EPOCHS:-16}"
SEEDS="${SEEDS:-1 2 3}"
PRUNE="${PRUNE:---score el2n --policy stratified --class-balanced --skip-hardest 0.02 --score-model lenet5 --keep 0.5}"
EXTRA="${EXTRA:---schedule cosine}"
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
mkdir -p "$OUT"
"$GREENDL" --version >/dev/null # build once before two processes start

run() { # kind seed
  local dir="$OUT/$1-s$2" args
  [[ -f "$dir/run.json" ]] && { echo "pairs: $dir done, skipping" >&2; return 0; }
  if [[ $1 == full ]]; then args="--score random --keep 1"; else args="$PRUNE"; fi
  echo "pairs: $(date -u +%H:%M:%S) $1 seed $2" >&2
  # shellcheck disable=SC2086
  nice "$GREENDL" prune-data $args $EXTRA --model "$MODEL" --epochs "$EPOCHS" --seed "$2" --no-baseline \
    --out "$dir" > /dev/null 2> "$dir.log" || echo "pairs: $1 seed $2 failed, see $dir.log" >&2
}

# Two queues of about equal work: full runs (twice the pruned ones' work at keep 0.5) alternate between them.
queue_a=(); queue_b=(); i=0
for seed in $SEEDS; do
  if (( i % 2 == 0 )); then queue_a+=("full $seed"); queue_b+=("pruned $seed"); else queue_a+=("pruned $seed"); queue_b+=("full $seed"); fi
  i=$((i + 1))
done
drain() { local job; for job in "$@"; do run $job; done; }
drain "${queue_a[@]}" & a=$!
drain "${queue_b[@]}" & b=$!
trap 'kill $a $b 2>/dev/null' INT TERM
wait $a $b
python3 "$here/summarize_pairs.py" "$OUT" | tee "$OUT/summary.md"
