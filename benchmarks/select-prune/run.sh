#!/usr/bin/env bash
# Data pruning on Fashion-MNIST: keep KEEP of the training set by each score (EL2N, forgetting events, loss, and
# random as the baseline), train from scratch on it, and compare with training on all of it. Energy of scoring
# is included in each pruned run's total. Writes OUT/<score>-s<seed>/run.json, OUT/full-s<seed>/ (the baseline
# inside the first score's record), OUT/summary.md and OUT/report/index.html.
#
# Defaults are the issue's experiment (cnn, all 60,000 images, keep 0.5); on a 2-core machine that is many hours.
# A reduced run, e.g.
#   MODEL=lenet5 TRAIN_LIMIT=20000 EPOCHS=10 TEST_LIMIT=2000 SEEDS="1" ./run.sh
# takes about 10 minutes. SCORE_MODEL picks the scoring model (default: MODEL; a small proxy such as lenet5 for a
# cnn makes scoring nearly free, "selection via proxy", Coleman et al. 2020). GREENDL_THREADS defaults to 1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
GREENDL="${GREENDL:-$root/greendl}"
OUT="${OUT:-$root/runs/select-prune}"
MODEL="${MODEL:-cnn}"
SCORE_MODEL="${SCORE_MODEL:-$MODEL}"
SCORE_EPOCHS="${SCORE_EPOCHS:-1}"
EPOCHS="${EPOCHS:-15}"
KEEP="${KEEP:-0.5}"
SKIP_HARDEST="${SKIP_HARDEST:-0}"
TRAIN_LIMIT="${TRAIN_LIMIT:-0}"
TEST_LIMIT="${TEST_LIMIT:-0}"
SEEDS="${SEEDS:-1 2 3}"
SCORES="${SCORES:-el2n random forgetting}"
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
mkdir -p "$OUT"

for seed in $SEEDS; do
  first=1
  for score in $SCORES; do
    dir="$OUT/$score-s$seed"
    if [[ -f "$dir/run.json" ]]; then
      echo "select-prune: $dir done, skipping" >&2
      first=0
      continue
    fi
    baseline=--no-baseline
    # The first score of each seed also trains on all the data, right after the pruned model, in the same JVM.
    [[ $first == 1 ]] && baseline=
    first=0
    echo "select-prune: $score seed $seed" >&2
    nice "$GREENDL" prune-data --score "$score" --keep "$KEEP" --skip-hardest "$SKIP_HARDEST" --model "$MODEL" --epochs "$EPOCHS" \
      --score-model "$SCORE_MODEL" --score-epochs "$SCORE_EPOCHS" --seed "$seed" --train-limit "$TRAIN_LIMIT" \
      --test-limit "$TEST_LIMIT" $baseline --out "$dir" >/dev/null
  done
done

python3 "$here/summarize.py" "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
"$GREENDL" report "$OUT" >/dev/null || echo "select-prune: report failed (see above)" >&2
