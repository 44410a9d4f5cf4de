#!/usr/bin/env bash
# Which unstructured-pruning allocation keeps accuracy: trains cnn for EPOCHS (default 5) epochs, then prunes it
# to SPARSITY (default 0.9) with one fine-tuning epoch four ways — layer-wise one-shot, global one-shot,
# layer-wise gradual, global gradual — and with the command's defaults (only --sparsity and
# --fine-tune-epochs given), and beside them the control (fine-tune, the same epoch without pruning); prints test
# accuracy and its drop side by side. Resumable.
#   OUT=out/prune benchmarks/prune-defaults/run.sh
# GREENDL (default: the repository's ./greendl), THREADS (default 2), SEED (default 42) may be set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
greendl="${GREENDL:-$here/../../greendl}"
out="${OUT:-$here/out}"
export GREENDL_THREADS="${THREADS:-2}"
seed="${SEED:-42}"; sparsity="${SPARSITY:-0.9}"
base="$out/cnn-${EPOCHS:-5}"
[[ -f "$base/run.json" ]] || "$greendl" train --model cnn --epochs "${EPOCHS:-5}" --seed "$seed" --progress none \
  ${TRAIN_ARGS:-} --out "$base" >/dev/null
run() { # name, extra prune options
  local name="$1"; shift
  [[ -f "$out/$name/run.json" ]] || "$greendl" prune "$base" --sparsity "$sparsity" --fine-tune-epochs 1 \
    --seed "$seed" --progress none "$@" --out "$out/$name" >/dev/null
}
run layer-oneshot --scope layer --schedule oneshot
run global-oneshot --scope global --schedule oneshot
run layer-gradual --scope layer --schedule gradual
run global-gradual --scope global --schedule gradual
run defaults
# The control: the same extra epoch without pruning, so that no allocation is credited for the fine-tuning.
[[ -f "$out/control/run.json" ]] || "$greendl" fine-tune "$base" --epochs 1 --seed "$seed" --progress none \
  --out "$out/control" >/dev/null
python3 - "$out" "$base" <<'PY'
import json, pathlib, sys
out, base = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
b = json.loads((base / "run.json").read_text())["metrics"]["test_accuracy"]
print(f"baseline {base.name}: {100 * b:.2f} %")
print("| pruning | scope | schedule | sparsity | test acc. | drop (points) |")
print("|---|---|---|---|---|---|")
for name in ["layer-oneshot", "global-oneshot", "layer-gradual", "global-gradual", "defaults", "control"]:
    f = out / name / "run.json"
    if not f.exists():
        continue
    r = json.loads(f.read_text())
    c = r["config"]
    a = r["metrics"]["test_accuracy"]
    scope = c.get("scope", "-")
    schedule = str(c.get("schedule", "-")).split(" ")[0] if name != "control" else "-"
    print(f"| {name} | {scope} | {schedule} | {r['model']['sparsity']:.3f} "
          f"| {100 * a:.2f} % | {100 * (b - a):.2f} |")
PY
