#!/usr/bin/env bash
# Chooses each zoo model's default training recipe on validation accuracy: trains MODEL under every RECIPE
# (optimizer:lr:schedule) for EPOCHS epochs on LIMIT training images (0 = all) with SEED, one run at a time,
# then prints a table of validation and test accuracy per model and recipe (the choice is the best validation
# accuracy; test accuracy is shown, never used to choose). Resumable: a finished run is not run again.
#   MODELS="lenet5 cnn" LIMIT=0 EPOCHS=3 SEED=1 OUT=out/recipes benchmarks/zoo-recipes/run.sh
# GREENDL (default: the repository's ./greendl) and THREADS (default 2) may be set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
greendl="${GREENDL:-$here/../../greendl}"
out="${OUT:-$here/out}"
recipes="${RECIPES:-adam:0.001:constant adam:0.001:cosine adam:0.003:cosine}"
for model in ${MODELS:-lenet5 cnn}; do
  for recipe in $recipes; do
    IFS=: read -r opt lr schedule <<<"$recipe"
    dir="$out/$model/${opt}-${lr}-${schedule}"
    [[ -f "$dir/run.json" ]] && continue
    limit=(); [[ "${LIMIT:-0}" != 0 ]] && limit=(--limit "$LIMIT")
    echo "== $model $recipe" >&2
    GREENDL_THREADS="${THREADS:-2}" "$greendl" train --model "$model" --epochs "${EPOCHS:-3}" --seed "${SEED:-1}" \
      --optimizer "$opt" --lr "$lr" --schedule "$schedule" "${limit[@]}" --progress none --out "$dir" >/dev/null
  done
done
python3 "$here/summarize.py" "$out"
