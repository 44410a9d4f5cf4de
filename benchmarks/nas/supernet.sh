#!/usr/bin/env bash
# The supernet method against training the same architectures from scratch, on scikit-learn's digits as a PNG
# folder (8x8, 10 classes). One supernet is trained with progressive shrinking (PHASES epochs: largest, kernel,
# depth, width), CANDIDATES sub-networks are judged with its shared weights, and the Pareto front's are fine-tuned
# FINETUNE epochs; each front architecture is then trained from scratch for SCRATCH epochs with the same recipe
# and seed. Both models of every architecture are evaluated on the folder's held-out test split (never seen by
# the search). Prints Markdown: the accuracy gap per architecture and the energy of the supernet route against
# training the front's architectures separately.
#
#   PHASES=6,3,3,6 CANDIDATES=12 FINETUNE=2 SCRATCH=10 benchmarks/nas/supernet.sh
#
# WORK (default runs/nas) keeps the data and the runs; PYTHON (default python3) needs numpy, Pillow and
# scikit-learn (to write the digits folder).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/nas}"
PHASES="${PHASES:-6,3,3,6}"
CANDIDATES="${CANDIDATES:-12}"
FINETUNE="${FINETUNE:-2}"
SCRATCH="${SCRATCH:-10}"
SEED="${SEED:-1}"
PYTHON="${PYTHON:-python3}"
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
mkdir -p "$WORK"
[[ -d "$WORK/digits" ]] || "$PYTHON" "$root/benchmarks/byo-data/make_data.py" digits-folder "$WORK/digits" >&2
cp "$root/benchmarks/nas/spaces/mobilenet.json" "$WORK/space.json"
data="folder:$WORK/digits"
out="$WORK/supernet-s$SEED"
"$root/greendl" nas --space "$WORK/space.json" --data "$data" --method supernet --candidates "$CANDIDATES" \
    --phase-epochs "$PHASES" --finetune-epochs "$FINETUNE" --seed "$SEED" --reference-energy-mj 1.0 \
    --tracking-mode process --out "$out" --format json > "$out.json" 2> "$out.log"
for key in $("$PYTHON" -c 'import json,sys; [print(c["key"]) for c in json.load(open(sys.argv[1]))["candidates"] if c.get("pareto")]' "$out/nas.json"); do
  scratch="$WORK/scratch-s$SEED/$key"
  mkdir -p "$WORK/scratch-s$SEED"
  [[ -f "$scratch/run.json" ]] || "$root/greendl" train --model "$out/candidates/$key.json" --data "$data" \
      --epochs "$SCRATCH" --seed "$SEED" --tracking-mode process --out "$scratch" --format json > "$scratch.json" 2> "$scratch.log"
  "$root/greendl" evaluate "$scratch" --format json > "$scratch.eval.json" 2>/dev/null
  "$root/greendl" evaluate "$out/runs/$key" --format json > "$out/runs/$key.eval.json" 2>/dev/null
done
"$PYTHON" - "$out" "$WORK/scratch-s$SEED" "$SCRATCH" <<'PY'
import json, statistics, sys
out, scratch, scratch_epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
r = json.load(open(f"{out}/nas.json"))
print("| phase | varies | epochs | energy Wh |")
print("| --- | --- | ---: | ---: |")
for p in r["supernet"]["phases"]:
    print(f"| {p['phase']} | {p['varies']} | {p['epochs']} | {p['energy_kwh'] * 1000:.4f} |")
print()
print(f"| architecture | mJ/inf | shared-weights val | fine-tuned ({r['supernet']['finetune_epochs']} ep) val | "
      f"fine-tuned test | scratch ({scratch_epochs} ep) val | scratch test | gap test (points) | fine-tune Wh | scratch Wh |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
gaps, scratch_kwh, ft_kwh = [], 0.0, 0.0
for c in r["candidates"]:
    if not c.get("pareto"):
        continue
    k = c["key"]
    ft = json.load(open(f"{out}/runs/{k}.eval.json"))
    sc = json.load(open(f"{scratch}/{k}.eval.json"))
    sr = json.load(open(f"{scratch}/{k}/run.json"))
    gap = (ft["test_accuracy"] - sc["test_accuracy"]) * 100
    gaps.append(gap)
    scratch_kwh += sr["energy"]["total_kwh"]
    ft_kwh += c["finetune"]["energy_kwh"]
    print(f"| {k} | {c['energy_per_inference_mj']['batch_1']:.4f} | {c['validation_accuracy']:.4f} | "
          f"{c['finetune']['validation_accuracy']:.4f} | {ft['test_accuracy']:.4f} | "
          f"{sr['metrics']['validation_accuracy']:.4f} | {sc['test_accuracy']:.4f} | {gap:+.2f} | "
          f"{c['finetune']['energy_kwh'] * 1000:.4f} | {sr['energy']['total_kwh'] * 1000:.4f} |")
e = r["energy"]
print()
print(f"test gap (fine-tuned - scratch), points: median {statistics.median(gaps):+.2f}, worst {min(gaps):+.2f}, "
      f"within 1 point on {sum(abs(g) <= 1 or g > 0 for g in gaps)} of {len(gaps)}")
print(f"supernet route: training {e['supernet_training_kwh'] * 1000:.4f} Wh + fine-tuning {e['finetuning_kwh'] * 1000:.4f} Wh"
      f" = {(e['supernet_training_kwh'] + e['finetuning_kwh']) * 1000:.4f} Wh"
      f" (with judging {e['judging_kwh'] * 1000:.4f} and measuring {e['measuring_kwh'] * 1000:.4f} of all "
      f"{len(r['candidates'])} sub-networks: {e['search_kwh'] * 1000:.4f} Wh)")
print(f"the {len(gaps)} front architectures trained separately ({scratch_epochs} epochs each): {scratch_kwh * 1000:.4f} Wh;"
      f" ratio supernet route / separate = {(e['supernet_training_kwh'] + e['finetuning_kwh']) / scratch_kwh:.3f}")
PY
