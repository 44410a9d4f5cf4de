#!/usr/bin/env bash
# Dynamic int8 against fp32 on a *trained* wide text-transformer (WIDTH, LAYERS layers): the model is trained on DATA,
# exported, quantized with `quantize --dynamic`; both files' test accuracy from `infer` (the saved tokenizer) and
# their ONNX Runtime throughput at batch 32 from serve-bench on LENGTH-token inputs, fp32 and int8 interleaved in
# every round; medians of ROUNDS rounds and the median of the per-round ratios. Prints Markdown.
#   DATA=text:debian-sections.tsv WIDTH=512 LAYERS=2 EPOCHS=2 benchmarks/text/int8-trained.sh
# LIMIT (training texts, default all), LENGTH (default 11, the Debian sections' p95), ROUNDS (default 5), TIME_PER
# (seconds per timing, default 2), THREADS (default 2), OUT (default runs/text/int8-trained) may be set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
greendl="$here/../../greendl"
data="${DATA:?set DATA to a text:FILE spec}"
width="${WIDTH:-512}"
layers="${LAYERS:-2}"
out="${OUT:-runs/text/int8-trained}"
length="${LENGTH:-11}"
rounds="${ROUNDS:-5}"
threads="${THREADS:-2}"
mkdir -p "$out"
limit=()
[[ -n "${LIMIT:-}" ]] && limit=(--train-limit "$LIMIT")
if [[ ! -f "$out/model/run.json" && ! -f "$out/model/model.json" ]]; then
  "$greendl" train --model text-transformer --option "width=$width" --option "layers=$layers" --data "$data" \
    --epochs "${EPOCHS:-2}" --threads "$threads" "${limit[@]}" --out "$out/model" >&2
fi
"$greendl" export "$out/model" --out "$out/fp32.onnx" >&2
"$greendl" quantize "$out/fp32.onnx" --dynamic -o "$out/int8.onnx" >&2
accuracy() {
  "$greendl" infer "$1" --data "$data" --threads "$threads" --format json 2>/dev/null \
    | /usr/bin/env python3 -c 'import json,sys; print(json.load(sys.stdin)["metrics"]["test_accuracy"])'
}
# shellcheck source=serve-rate.sh
source "$here/serve-rate.sh"
acc_fp32="$(accuracy "$out/fp32.onnx")"
acc_int8="$(accuracy "$out/int8.onnx")"
csv="$out/int8-trained.csv"
echo "round,fp32_per_s,int8_per_s" > "$csv"
for r in $(seq 1 "$rounds"); do
  fp32="$(per_second "$out/fp32.onnx")"
  int8="$(per_second "$out/int8.onnx")"
  if [[ -z "$fp32" || -z "$int8" ]]; then
    echo "int8-trained: serve-bench gave no batch-32 figure at $length tokens" >&2
    exit 1
  fi
  echo "$r,$fp32,$int8" >> "$csv"
done
/usr/bin/env python3 - "$csv" "$acc_fp32" "$acc_int8" "$width" "$layers" "$threads" <<'PY'
import csv, statistics, sys
path, a32, a8, width, layers, threads = sys.argv[1:]
rows = list(csv.DictReader(open(path)))
f = [float(r["fp32_per_s"]) for r in rows]
i = [float(r["int8_per_s"]) for r in rows]
print(f"text-transformer width {width}, {layers} layers, trained; ONNX Runtime {threads} threads, batch 32, {len(rows)} rounds")
print()
print("| file | test accuracy | texts/s (median) |")
print("| --- | ---: | ---: |")
print(f"| fp32 | {float(a32) * 100:.2f} % | {statistics.median(f):,.0f} |")
print(f"| int8 (dynamic) | {float(a8) * 100:.2f} % | {statistics.median(i):,.0f} |")
print()
print(f"int8 / fp32 throughput, median of round ratios: {statistics.median(b / a for a, b in zip(f, i)):.2f}"
      f" (rounds: {', '.join(f'{b / a:.2f}' for a, b in zip(f, i))}); accuracy change {(float(a8) - float(a32)) * 100:+.2f} points")
PY
