#!/usr/bin/env bash
# Successive halving (and optionally Hyperband) against grid search on the same 27-configuration space:
# best validation/test accuracy and total measured energy of each, side by side in one run.
#   benchmarks/search-sh-vs-grid/run.sh [LIMIT] [MAX_EPOCHS] [MODEL]
# LIMIT: training images used (default 60000 = all), MAX_EPOCHS: the full budget (default 9).
# Threads are fixed (GREENDL_THREADS, default 2). TRACKING=machine|process (default process: each trial's own
# share of the CPU by CPU time, so other jobs on a shared machine are not billed to it).
# Results land in benchmarks/search-sh-vs-grid/out/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
limit="${1:-60000}"; epochs="${2:-9}"; model="${3:-cnn}"
export GREENDL_THREADS="${GREENDL_THREADS:-2}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
tracking="${TRACKING:-process}"
out="$here/out/$model-$limit-$epochs"
mkdir -p "$out"
cat > "$out/space.json" <<JSON
{"model": "$model", "dataset": "fashion-mnist", "max_epochs": $epochs,
 "params": {"lr": [0.001, 0.003, 0.01], "batch": [32, 64, 128], "weight_decay": [0, 0.0001, 0.001]}}
JSON
for method in sh grid ${WITH_HYPERBAND:+hyperband}; do
  "$root/greendl" search --space "$out/space.json" --method "$method" --limit "$limit" --seed 1 \
      --tracking-mode "$tracking" --out "$out/$method" --format json > "$out/$method.json" 2> "$out/$method.log"
done
python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
rows = {}
for m in ("grid", "sh", "hyperband"):
    p = os.path.join(out, m + ".json")
    if os.path.exists(p):
        rows[m] = json.load(open(p))
g = rows["grid"]
print(f"{'method':10} {'trials':>6} {'energy Wh':>10} {'vs grid':>8} {'best val':>9} {'best test':>9}  best config")
for m, s in rows.items():
    b = s["best"]
    e = s["total_energy_kwh"] * 1000
    print(f"{m:10} {len(s['trials']):6d} {e:10.3f} {e / (g['total_energy_kwh'] * 1000):8.3f} "
          f"{b['metrics']['validation_accuracy']:9.4f} {b['metrics'].get('test_accuracy', float('nan')):9.4f}  {b['config']}")
PY
