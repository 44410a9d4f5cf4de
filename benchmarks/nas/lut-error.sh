#!/usr/bin/env bash
# The per-block latency table's prediction error over NETWORKS architectures drawn at random from the space of
# run.sh: each network exported to ONNX and timed end to end in ONNX Runtime at batch 1 (median of the timed runs,
# ORT_THREADS intra-op threads), against the table's prediction (an identity graph's latency at the network's
# input, the per-run overhead paid once, plus each unit's net latency: the unit timed in turn with an identity graph
# of its own input, the difference). The search trains each network only briefly (EPOCHS on TRAIN_LIMIT examples):
# the latency does not depend on the weights, and the record keeps both figures for every candidate. Prints Markdown.
#
#   NETWORKS=30 benchmarks/nas/lut-error.sh
#
# WORK (default runs/nas-lut) keeps the data and the search; DATA (default: scikit-learn's digits as a PNG folder,
# written with PYTHON) may name any image data spec, e.g. fashion-mnist; SPACE (default run.sh's MobileNet-style
# space) may name another space file, e.g. a ViT family's.
# GREENDL (default the worktree's greendl) runs the command.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/nas-lut}"
NETWORKS="${NETWORKS:-30}"
EPOCHS="${EPOCHS:-1}"
TRAIN_LIMIT="${TRAIN_LIMIT:-64}"
ORT_THREADS="${ORT_THREADS:-1}"
SEED="${SEED:-7}"
PYTHON="${PYTHON:-python3}"
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
mkdir -p "$WORK"
if [[ -z "${DATA:-}" ]]; then
  [[ -d "$WORK/digits" ]] || "$PYTHON" "$root/benchmarks/byo-data/make_data.py" digits-folder "$WORK/digits" >&2
  DATA="folder:$WORK/digits"
fi
if [[ -n "${SPACE:-}" ]]; then
  cp "$SPACE" "$WORK/space.json"
else
  cp "$root/benchmarks/nas/spaces/mobilenet.json" "$WORK/space.json"
fi
out="$WORK/random-$NETWORKS-s$SEED${SPACE:+-$(basename "$SPACE" .json)}"
"${GREENDL:-$root/greendl}" nas --space "$WORK/space.json" --data "$DATA" --method random --candidates "$NETWORKS" \
    --epochs "$EPOCHS" --train-limit "$TRAIN_LIMIT" --seed "$SEED" --ort-threads "$ORT_THREADS" \
    --tracking-mode process --out "$out" --format json > "$out.json" 2> "$out.log"
"$PYTHON" - "$out/nas.json" "${DATA/$root\//}" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
c = r["candidates"]
rows = [(x["key"], x["macs"], x["latency_ms"]["batch_1"], x["latency_ms"]["predicted_batch_1"],
         x["latency_ms"]["table_overhead"]) for x in c]
err = [(p - m) / m * 100 for _, _, m, p, _ in rows]
print(f"data {sys.argv[2]}, {len(rows)} networks drawn at random (seed {r['seed']}), ONNX Runtime batch 1,"
      f" latency table of {r['latency_table']['entries']} entries")
print()
print("| network | MACs | measured ms | predicted ms | error % |")
print("| --- | ---: | ---: | ---: | ---: |")
for (k, macs, m, p, _), e in sorted(zip(rows, err), key=lambda t: t[0][2]):
    print(f"| {k} | {macs} | {m:.4f} | {p:.4f} | {e:+.1f} |")
a = sorted(abs(e) for e in err)
print()
print(f"median absolute error {statistics.median(a):.1f} % over {len(a)} networks"
      f" (mean {statistics.mean(a):.1f} %, 90th percentile {a[int(0.9 * (len(a) - 1))]:.1f} %, worst {a[-1]:.1f} %);"
      f" median signed error {statistics.median(err):+.1f} %")
print(f"measured latency: median {statistics.median(m for _, _, m, _, _ in rows):.4f} ms, per-run overhead"
      f" (identity graph) {rows[0][4]:.4f} ms")
PY
