#!/usr/bin/env bash
# Transfer against training from scratch, both in one `greendl transfer` run, pre-training energy counted in the
# transfer's total: (a) pre-train on classes 0-4, fine-tune on TARGET images of classes 5-9 (fresh head), tested
# on the test images of classes 5-9; (b) pre-train on half of the images, fine-tune on TARGET of the other half.
# Writes OUT/<variant>-s<seed>/run.json (+ scratch/run.json), OUT/summary.md and OUT/report/index.html.
#
# Reduced defaults (minutes on one core): lenet5, all 60,000 training images as the source pool.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
GREENDL="${GREENDL:-$root/greendl}"
OUT="${OUT:-$root/runs/select-transfer}"
MODEL="${MODEL:-lenet5}"
PRETRAIN_EPOCHS="${PRETRAIN_EPOCHS:-3}"
EPOCHS="${EPOCHS:-10}"
TARGETS="${TARGETS:-500 2000}"
TRAIN_LIMIT="${TRAIN_LIMIT:-0}"
SEEDS="${SEEDS:-1}"
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
mkdir -p "$OUT"
for seed in $SEEDS; do
  for target in $TARGETS; do
    for variant in classes fraction; do
      dir="$OUT/$variant-$target-s$seed"
      [[ -f "$dir/run.json" ]] && { echo "select-transfer: $dir done, skipping" >&2; continue; }
      src="--pretrain-classes 0-4"
      [[ $variant == fraction ]] && src="--pretrain-fraction 0.5"
      echo "select-transfer: $variant target $target seed $seed" >&2
      # shellcheck disable=SC2086
      nice "$GREENDL" transfer $src --target-size "$target" --pretrain-epochs "$PRETRAIN_EPOCHS" --epochs "$EPOCHS" \
        --model "$MODEL" --seed "$seed" --train-limit "$TRAIN_LIMIT" --out "$dir" >/dev/null
    done
  done
done
python3 "$here/../select-curriculum/summarize_versus.py" "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
"$GREENDL" report "$OUT" >/dev/null || echo "select-transfer: report failed (see above)" >&2
