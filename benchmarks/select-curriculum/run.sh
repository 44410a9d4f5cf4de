#!/usr/bin/env bash
# Curriculum (easy to hard by EL2N, linear and step pacing) against training from scratch with the same model,
# data, epochs and seed, both in one `greendl curriculum` run; scoring energy counted in the curriculum's total.
# Writes OUT/<pacing>-s<seed>/run.json (+ scratch/run.json), OUT/summary.md and OUT/report/index.html.
#
# Reduced defaults (minutes on one core): lenet5, a seeded 20,000 training images, 10 epochs, 5,000 test images.
#   MODEL=cnn TRAIN_LIMIT=0 EPOCHS=15 SEEDS="1 2 3" ./run.sh     # the full-size experiment (hours on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
GREENDL="${GREENDL:-$root/greendl}"
OUT="${OUT:-$root/runs/select-curriculum}"
MODEL="${MODEL:-lenet5}"
EPOCHS="${EPOCHS:-10}"
START="${START:-0.25}"
TRAIN_LIMIT="${TRAIN_LIMIT:-20000}"
TEST_LIMIT="${TEST_LIMIT:-5000}"
SEEDS="${SEEDS:-1}"
PACINGS="${PACINGS:-linear step}"
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
mkdir -p "$OUT"
for seed in $SEEDS; do
  for pacing in $PACINGS; do
    dir="$OUT/$pacing-s$seed"
    [[ -f "$dir/run.json" ]] && { echo "select-curriculum: $dir done, skipping" >&2; continue; }
    echo "select-curriculum: $pacing seed $seed" >&2
    nice "$GREENDL" curriculum --score el2n --pacing "$pacing" --start "$START" --model "$MODEL" --epochs "$EPOCHS" \
      --seed "$seed" --train-limit "$TRAIN_LIMIT" --test-limit "$TEST_LIMIT" --out "$dir" >/dev/null
  done
done
python3 "$here/summarize_versus.py" "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
"$GREENDL" report "$OUT" >/dev/null || echo "select-curriculum: report failed (see above)" >&2
