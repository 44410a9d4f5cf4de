#!/usr/bin/env bash
# Dynamic int8 (quantize --dynamic: int8 MatMul weights, activations quantized per batch) against fp32, ONNX Runtime
# throughput of the text-transformer (6 layers, 4 heads) at several widths, random weights (speed does not depend
# on them). Both files are timed with serve-bench at batch 32 on generated token ids of LENGTH tokens, fp32 and int8
# interleaved in every round; medians of ROUNDS rounds and the median of the per-round ratios.
# DATA (a text:FILE spec: its tokenizer sizes the vocabulary) must be set; WIDTHS (default "64 256"), LENGTH
# (default 11, the Debian sections' p95), ROUNDS (default 5), TIME_PER (seconds per timing, default 2), THREADS (default 2),
# OUT (default runs/text/int8-width) may be set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
greendl="$here/../../greendl"
data="${DATA:?set DATA to a text:FILE spec}"
out="${OUT:-runs/text/int8-width}"
length="${LENGTH:-11}"
rounds="${ROUNDS:-5}"
threads="${THREADS:-2}"
mkdir -p "$out"
csv="$out/int8-width.csv"
echo "width,round,fp32_per_s,int8_per_s" > "$csv"
# shellcheck source=serve-rate.sh
source "$here/serve-rate.sh"
for w in ${WIDTHS:-64 256}; do
  "$greendl" export --zoo text-transformer --option layers=6 --option "width=$w" --data "$data" --parity 0 \
    --out "$out/w$w.onnx" > /dev/null 2>&1
  "$greendl" quantize "$out/w$w.onnx" --dynamic --out "$out/w$w.int8.onnx" > /dev/null 2>&1
  for r in $(seq 1 "$rounds"); do
    fp32="$(per_second "$out/w$w.onnx")"
    int8="$(per_second "$out/w$w.int8.onnx")"
    if [[ -z "$fp32" || -z "$int8" ]]; then
      echo "int8-width: serve-bench gave no batch-32 figure for width $w at $length tokens" >&2
      exit 1
    fi
    echo "$w,$r,$fp32,$int8" >> "$csv"
  done
done
/usr/bin/env python3 - "$csv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print("| width | fp32 texts/s | int8 texts/s | int8 / fp32 (median of round ratios) |")
print("| ---: | ---: | ---: | ---: |")
for w in dict.fromkeys(r["width"] for r in rows):
    rs = [r for r in rows if r["width"] == w]
    f = [float(r["fp32_per_s"]) for r in rs]
    i = [float(r["int8_per_s"]) for r in rs]
    print(f"| {w} | {statistics.median(f):,.0f} | {statistics.median(i):,.0f} | "
          f"{statistics.median(b / a for a, b in zip(f, i)):.2f} |")
PY
