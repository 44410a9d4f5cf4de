#!/usr/bin/env bash
# Data pruning policies side by side: which part of an EL2N ranking to keep (hardest, easiest, stratified score
# bands), class-balanced or not, with or without dropping the very hardest (likely label noise), scores from one
# checkpoint or averaged over checkpoints, against random pruning and full data. One seed's variants run one after
# the other in separate JVMs; the full-data baseline is trained in the first variant's JVM (random).
# Writes OUT/<variant>-s<seed>/run.json and OUT/summary.md (summarize_policies.py).
#
#   MODEL=lenet5 EPOCHS=15 TRAIN_LIMIT=0 SEEDS="1 2" benchmarks/select-prune/policies.sh
#
# EXTRA adds options to every variant, e.g. EXTRA="--score-model lenet5 --schedule cosine" for a cnn scored by a
# cheap proxy and trained with a budget-aware schedule.
# GREENDL_THREADS defaults to 1 (PyTorch intra-op threads), so runs compare on a shared machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
GREENDL="${GREENDL:-$root/greendl}"
OUT="${OUT:-$root/runs/select-prune-policies}"
MODEL="${MODEL:-lenet5}"
EPOCHS="${EPOCHS:-15}"
KEEP="${KEEP:-0.5}"
TRAIN_LIMIT="${TRAIN_LIMIT:-0}"
TEST_LIMIT="${TEST_LIMIT:-0}"
SEEDS="${SEEDS:-1 2}"
EXTRA="${EXTRA:-}"
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
VARIANTS="${VARIANTS:-random el2n-hardest el2n-easiest el2n-stratified el2n-avg-stratified el2n-hardest-balanced-skip}"
mkdir -p "$OUT"

args_of() {
  case "$1" in
    random) echo "--score random" ;;
    el2n-hardest) echo "--score el2n --policy hardest" ;;
    el2n-easiest) echo "--score el2n --policy easiest" ;;
    el2n-stratified) echo "--score el2n --policy stratified --class-balanced --skip-hardest 0.02" ;;
    el2n-hardest-balanced-skip) echo "--score el2n --policy hardest --class-balanced --skip-hardest 0.05" ;;
    el2n-avg-stratified) echo "--score el2n --policy stratified --class-balanced --skip-hardest 0.02 --score-epochs 2 --score-every-epoch" ;;
    *) echo "policies.sh: unknown variant $1" >&2; exit 2 ;;
  esac
}

for seed in $SEEDS; do
  first=1
  for v in $VARIANTS; do
    dir="$OUT/$v-s$seed"
    if [[ -f "$dir/run.json" ]]; then
      echo "policies: $dir done, skipping" >&2
      first=0
      continue
    fi
    baseline=--no-baseline
    [[ $first == 1 ]] && baseline=
    first=0
    echo "policies: $v seed $seed" >&2
    # shellcheck disable=SC2046
    nice "$GREENDL" prune-data $(args_of "$v") $EXTRA --keep "$KEEP" --model "$MODEL" --epochs "$EPOCHS" --seed "$seed" \
      --train-limit "$TRAIN_LIMIT" --test-limit "$TEST_LIMIT" $baseline --out "$dir" >/dev/null
  done
done

python3 "$here/summarize_policies.py" "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
