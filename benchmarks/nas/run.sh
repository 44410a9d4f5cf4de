#!/usr/bin/env bash
# Random search against aging evolution at the same number of candidates (so about the same search energy), SEEDS
# seeds each, on scikit-learn's digits as a PNG folder (8x8, 10 classes): hypervolume of (validation accuracy,
# energy per inference) against one fixed reference point, the Pareto front's size, the search's own energy, and
# the chosen network (the front's most accurate). Prints Markdown.
#
#   CANDIDATES=10 EPOCHS=3 SEEDS="1 2 3" benchmarks/nas/run.sh
#
# WORK (default runs/nas) keeps the data and the searches; REF_MJ (default 1.0) is the reference energy per
# inference; POPULATION and SAMPLE (default 4 and 2) are evolution's; PYTHON (default python3) needs numpy,
# Pillow and scikit-learn (to write the digits folder); GREENDL (default the worktree's greendl) runs the command.
# MAX_WH (default none) gives every search the same energy budget (--max-energy-wh): a search then stops when it
# has spent it, and CANDIDATES is only a ceiling. EVOLUTION_HALVING=ETA (default none) runs evolution with successive
# halving over epochs (--halving ETA --min-epochs MIN_EPOCHS, default 1); random search trains every candidate EPOCHS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/nas}"
CANDIDATES="${CANDIDATES:-10}"
EPOCHS="${EPOCHS:-3}"
SEEDS="${SEEDS:-1 2 3}"
REF_MJ="${REF_MJ:-1.0}"
POPULATION="${POPULATION:-4}"
SAMPLE="${SAMPLE:-2}"
PYTHON="${PYTHON:-python3}"
GREENDL="${GREENDL:-$root/greendl}"
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
budget=()
[[ -n "${MAX_WH:-}" ]] && budget=(--max-energy-wh "$MAX_WH")
halving=()
[[ -n "${EVOLUTION_HALVING:-}" ]] && halving=(--halving "$EVOLUTION_HALVING" --min-epochs "${MIN_EPOCHS:-1}")
mkdir -p "$WORK"
[[ -d "$WORK/digits" ]] || "$PYTHON" "$root/benchmarks/byo-data/make_data.py" digits-folder "$WORK/digits" >&2
cp "$root/benchmarks/nas/spaces/mobilenet.json" "$WORK/space.json"
for seed in $SEEDS; do
  for method in random evolution; do
    out="$WORK/$method-s$seed"
    extra=()
    [[ "$method" == evolution ]] && extra=("${halving[@]}")
    "$GREENDL" nas --space "$WORK/space.json" --data "folder:$WORK/digits" --method "$method" \
        --candidates "$CANDIDATES" --epochs "$EPOCHS" --population "$POPULATION" --sample "$SAMPLE" --seed "$seed" \
        --reference-energy-mj "$REF_MJ" "${budget[@]}" "${extra[@]}" --tracking-mode process --out "$out" --format json > "$out.json" 2> "$out.log"
  done
done
"$PYTHON" - "$WORK" "$SEEDS" <<'PY'
import json, statistics, sys
work, seeds = sys.argv[1], sys.argv[2].split()
print("| method | seed | hypervolume | front | candidates | best accuracy | its energy mJ/inf | search Wh | chosen network | x baseline | break-even inferences |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
hv = {"random": [], "evolution": []}
for seed in seeds:
    for m in ("random", "evolution"):
        r = json.load(open(f"{work}/{m}-s{seed}/nas.json"))
        cands = r["candidates"]
        front = [c for c in cands if c.get("pareto")]
        best = max(front, key=lambda c: c["validation_accuracy"])
        h = r["hypervolume"]["value"]
        hv[m].append(h)
        print(f"| {m} | {seed} | {h:.4f} | {len(front)} | {len(cands)} | {best['validation_accuracy']:.4f} | "
              f"{best['energy_per_inference_mj']['batch_1']:.4f} | {r['energy']['search_kwh'] * 1000:.4f} | {best['key']} | "
              + (f"{ch['energy_ratio']:.3f} | " + (f"{ch['inferences']:,.0f}" if ch['inferences'] is not None else "never")
                 if (ch := r.get("break_even", {}).get("chosen")) else "- | -") + " |")
print()
for m, v in hv.items():
    print(f"{m}: median hypervolume {statistics.median(v):.4f} over {len(v)} seeds ({', '.join(f'{x:.4f}' for x in v)})")
be = [json.load(open(f"{work}/{m}-s{s}/nas.json")).get("break_even") for s in seeds for m in ("random", "evolution")]
if be[0]:
    b = be[0]["baseline"]
    print(f"baseline {b['model']} in the same runtime: {b['energy_per_inference_mj']['batch_1']:.4f} mJ per inference,"
          f" {b['latency_ms']['batch_1']:.4f} ms at batch 1 (first search's measurement)")
print("evolution >= random on", sum(e >= r for e, r in zip(hv["evolution"], hv["random"])), "of", len(seeds), "seeds")
PY
