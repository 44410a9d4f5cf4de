#!/usr/bin/env bash
# The search's chosen architectures retrained in full on Fashion-MNIST beside the zoo's cnn and mobilenet-mini.
# 1. An evolution search on SEARCH_LIMIT training images (SPACE, default spaces/mobilenet.json, at 28x28, CANDIDATES
#    candidates of SEARCH_EPOCHS epochs, seed SEED); 2. from its Pareto front, the most accurate network, the cheapest
#    whose validation accuracy is at least the front's median, the most accurate at <= 0.25x cnn's energy per
#    inference as the search measured it, and the most accurate at <= MM_RATIO (default 0.35, mobilenet-mini's
#    0.38x less a margin) times cnn's (or the keys in PICK, space-separated); 3. those, cnn and mobilenet-mini
#    trained from scratch the same way: all training images, EPOCHS epochs, seed 42, TRAIN_THREADS engine threads,
#    cnn and mobilenet-mini with their zoo recipes (Adam 0.003, cosine), the found networks with mobilenet-mini's
#    (FOUND_LR, FOUND_SCHEDULE: a model spec's own default is the untuned Adam 0.001 constant); 4. each exported to ONNX and measured in the same runtime: test accuracy on the
#    10,000 test images (`infer`) and ONNX Runtime latency and energy per inference at batch 1 and 64 with ONE
#    thread (`serve-bench`), the models interleaved in each of ROUNDS rounds; medians. Prints Markdown.
#
#   PYTHON=/usr/bin/python3 EPOCHS=3 benchmarks/nas/fashion-full.sh
#
# MAX_LATENCY_MS (default none) gives the search a batch-1 latency limit (--max-latency-ms): only architectures the
# latency table predicts within it are trained.
# WORK (default runs/nas-fashion-full) keeps everything; a rerun reuses the search and every trained model.
# TRAIN_LIMIT (default 0: all) trains on fewer images, for a quick try of the script only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/nas-fashion-full}"
SEARCH_LIMIT="${SEARCH_LIMIT:-6000}"
CANDIDATES="${CANDIDATES:-16}"
SEARCH_EPOCHS="${SEARCH_EPOCHS:-2}"
SEED="${SEED:-1}"
SPACE="${SPACE:-$root/benchmarks/nas/spaces/mobilenet.json}"
MM_RATIO="${MM_RATIO:-0.35}"
MAX_LATENCY_MS="${MAX_LATENCY_MS:-}"
EPOCHS="${EPOCHS:-3}"
TRAIN_THREADS="${TRAIN_THREADS:-2}"
ROUNDS="${ROUNDS:-5}"
TIME_PER="${TIME_PER:-2}"
TRAIN_LIMIT="${TRAIN_LIMIT:-0}"
FOUND_LR="${FOUND_LR:-0.003}"
FOUND_SCHEDULE="${FOUND_SCHEDULE:-cosine}"
PYTHON="${PYTHON:-python3}"
GREENDL="${GREENDL:-$root/greendl}"
mkdir -p "$WORK/models" "$WORK/timings"
[[ -f "$WORK/space.json" ]] || cp "$SPACE" "$WORK/space.json"
cmp -s "$SPACE" "$WORK/space.json" || { echo "fashion-full: $WORK/space.json is not $SPACE (another WORK?)" >&2; exit 2; }
limit=()
[[ -n "$MAX_LATENCY_MS" ]] && limit=(--max-latency-ms "$MAX_LATENCY_MS")
if [[ ! -f "$WORK/search/nas.json" || "$(grep -c '"key"' "$WORK/search/nas.json")" -lt "$CANDIDATES" ]]; then
  GREENDL_THREADS=1 "$GREENDL" nas --space "$WORK/space.json" --data fashion-mnist --train-limit "$SEARCH_LIMIT" \
      --method evolution --candidates "$CANDIDATES" --epochs "$SEARCH_EPOCHS" --population 6 --sample 3 \
      --seed "$SEED" "${limit[@]}" --tracking-mode process --out "$WORK/search" > "$WORK/search.log" 2>&1
fi
picked="${PICK:-$("$PYTHON" - "$WORK/search/nas.json" "$MM_RATIO" <<'PY'
import json, statistics, sys
front = [c for c in json.load(open(sys.argv[1]))["candidates"] if c.get("pareto")]
best = max(front, key=lambda c: c["validation_accuracy"])
median = statistics.median(c["validation_accuracy"] for c in front)
cheap = min((c for c in front if c["validation_accuracy"] >= median),
            key=lambda c: c["energy_per_inference_mj"]["batch_1"])
picks = [best["key"], cheap["key"]]
baseline = json.load(open(sys.argv[1])).get("break_even", {}).get("baseline")
if baseline:  # the most accurate under a share of cnn's energy, measured by the search in the same runtime
    for share in (0.25, float(sys.argv[2])):
        under = [c for c in front if c["energy_per_inference_mj"]["batch_1"] <= share * baseline["energy_per_inference_mj"]["batch_1"]]
        if under:
            picks.append(max(under, key=lambda c: c["validation_accuracy"])["key"])
print(" ".join(dict.fromkeys(picks)))
PY
)}"
echo "fashion-full: retraining $picked beside cnn and mobilenet-mini, $EPOCHS epochs on all training images" >&2
models=(cnn mobilenet-mini $picked)
for m in "${models[@]}"; do
  dir="$WORK/models/$m"
  spec="$m"
  [[ -f "$WORK/search/candidates/$m.json" ]] && spec="$WORK/search/candidates/$m.json"
  if [[ ! -f "$dir/run.json" ]] || ! grep -q '"completed"' "$dir/run.json"; then
    if [[ -d "$dir" ]]; then # a killed training goes on from its last checkpoint
      GREENDL_THREADS="$TRAIN_THREADS" "$GREENDL" train --resume "$dir" >> "$WORK/models/$m.log" 2>&1
    else
      recipe=()
      [[ "$spec" == *.json ]] && recipe=(--lr "$FOUND_LR" --schedule "$FOUND_SCHEDULE")
      GREENDL_THREADS="$TRAIN_THREADS" "$GREENDL" train --model "$spec" --epochs "$EPOCHS" --threads "$TRAIN_THREADS" \
          --seed 42 --train-limit "$TRAIN_LIMIT" "${recipe[@]}" --tracking-mode process --out "$dir" \
          > "$WORK/models/$m.log" 2>&1
    fi
  fi
  [[ -f "$WORK/models/$m.onnx" ]] || "$GREENDL" export "$dir" --out "$WORK/models/$m.onnx" > "$WORK/models/$m.export.log" 2>&1
  [[ -f "$WORK/models/$m.infer.json" ]] || "$GREENDL" infer "$WORK/models/$m.onnx" --data fashion-mnist --threads 1 \
      --format json > "$WORK/models/$m.infer.json" 2> /dev/null
done
for r in $(seq 1 "$ROUNDS"); do
  for m in "${models[@]}"; do
    f="$WORK/timings/$m.r$r.json"
    [[ -f "$f" ]] || "$GREENDL" serve-bench "$WORK/models/$m.onnx" --batch 1,64 --threads 1 --seconds "$TIME_PER" \
        --format json > "$f.tmp" 2> /dev/null && mv "$f.tmp" "$f"
  done
done
"$PYTHON" - "$WORK" "$ROUNDS" "$EPOCHS" "${models[@]}" <<'PY'
import json, statistics, sys
work, rounds, epochs, models = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
search = json.load(open(f"{work}/search/nas.json"))
rows = {}
for m in models:
    run = json.load(open(f"{work}/models/{m}/run.json"))
    acc = json.load(open(f"{work}/models/{m}.infer.json"))["metrics"]["test_accuracy"]
    per = {1: [], 64: []}
    lat = {1: [], 64: []}
    for r in range(1, rounds + 1):
        for b in json.load(open(f"{work}/timings/{m}.r{r}.json"))["results"]:
            per[b["batch"]].append(b["energy_kwh_per_1k"] * 3.6e6)  # kWh per 1,000 -> mJ per inference
            lat[b["batch"]].append(b["latency_ms_p50"])
    rows[m] = dict(acc=acc, mj1=statistics.median(per[1]), mj64=statistics.median(per[64]),
                   ms1=statistics.median(lat[1]), ms64=statistics.median(lat[64]),
                   macs=run.get("model", {}).get("macs"), params=run.get("model", {}).get("params"),
                   train_wh=run.get("energy", {}).get("total_kwh", 0) * 1000)
cnn, mm = rows["cnn"], rows["mobilenet-mini"]
print(f"search: {search['method']}, {len(search['candidates'])} candidates, {search['energy']['search_kwh'] * 1000:.4f} Wh"
      f" (estimate); retrained {epochs} epochs on all training images; ONNX Runtime 1 thread, {rounds} rounds interleaved")
print()
print("| model | test acc. | b1 ms | b1 mJ/inf | x cnn | b64 ms/batch | b64 mJ/inf | x cnn | training Wh |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for m, r in rows.items():
    print(f"| {m} | {r['acc'] * 100:.2f} % | {r['ms1']:.4f} | {r['mj1']:.4f} | {r['mj1'] / cnn['mj1']:.3f} | "
          f"{r['ms64']:.3f} | {r['mj64']:.4f} | {r['mj64'] / cnn['mj64']:.3f} | {r['train_wh']:.3f} |")
print()
found = [m for m in models if m not in ("cnn", "mobilenet-mini")]
for b in ("1", "64"):
    k = "mj" + b
    a = [m for m in found if rows[m]["acc"] >= cnn["acc"] and rows[m][k] <= 0.25 * cnn[k]]
    d = [m for m in found if rows[m]["acc"] > mm["acc"] and rows[m][k] < mm[k]]
    print(f"batch {b}: >= cnn's accuracy at <= 0.25x its energy: {', '.join(a) or 'none'};"
          f" dominates mobilenet-mini: {', '.join(d) or 'none'}")
PY
