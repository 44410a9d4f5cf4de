#!/usr/bin/env bash
# What a user gets with the defaults: `greendl train --model MODEL --epochs EPOCHS --seed S` (no optimizer, lr or
# schedule given, so the zoo recipe) for each seed, one run at a time; prints each seed's test accuracy and the
# recipe the run recorded. Resumable.
#   MODEL=lenet5 EPOCHS=3 SEEDS="1 2 3" OUT=out/defaults benchmarks/zoo-recipes/defaults.sh
# GREENDL (default: the repository's ./greendl) and THREADS (default 2) may be set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
greendl="${GREENDL:-$here/../../greendl}"
model="${MODEL:-lenet5}"; epochs="${EPOCHS:-3}"
out="${OUT:-$here/out/defaults}/$model-$epochs"
for seed in ${SEEDS:-1 2 3}; do
  [[ -f "$out/seed-$seed/run.json" ]] && continue
  GREENDL_THREADS="${THREADS:-2}" "$greendl" train --model "$model" --epochs "$epochs" --seed "$seed" \
    --progress none --out "$out/seed-$seed" >/dev/null
done
python3 - "$out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
print("| seed | test acc. | val. acc. | recipe recorded |")
print("|---|---|---|---|")
for run in sorted(out.glob("seed-*/run.json")):
    r = json.loads(run.read_text())
    m = r["metrics"]
    print(f"| {run.parent.name[5:]} | {100 * m['test_accuracy']:.2f} % | {100 * m['validation_accuracy']:.2f} % "
          f"| {r['config'].get('recipe')} |")
PY
