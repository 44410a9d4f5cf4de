#!/usr/bin/env bash
# The BERT-style encoder of encoder.py through greendl: export from PyTorch, `greendl quantize --dynamic`,
# serve-bench of fp32 and int8 side by side (interleaved A B A B, ROUNDS rounds) at batch 32 and sequence lengths
# 32 and 128, top-1 agreement of int8 with fp32 on 1,000 random token inputs, and PyTorch's own fp32 and
# quantize_dynamic of the same model at the same threads. Prints a Markdown table.
#
#   THREADS=2 ROUNDS=3 benchmarks/byo-onnx/encoder.sh
#
# WORK (default runs/byo-onnx-encoder) keeps the files; PYTHON (default python3) needs Debian's python3-torch.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/byo-onnx-encoder}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-3}"
PYTHON="${PYTHON:-python3}"
export GREENDL_THREADS="$THREADS"
g="$root/greendl"
mkdir -p "$WORK"
"$PYTHON" "$root/benchmarks/byo-onnx/encoder.py" export --out "$WORK" >&2
"$g" quantize "$WORK/encoder.onnx" --out "$WORK/encoder-int8.onnx" --dynamic --format json > "$WORK/quantize.json"

# serve MODEL SEQ: sequences per second at batch 32 (one serve-bench run).
serve() {
  "$g" serve-bench "$1" --batch 32 --threads "$THREADS" --seconds 2 --warmup 5 --format json \
      --input "input_ids=N,$2:int64" --input "attention_mask=N,$2:int64" 2>/dev/null \
    | "$PYTHON" -c 'import json, sys; r = json.load(sys.stdin)["results"][0]; print(32 * 1000 / r["latency_ms_p50"])'
}
median() { "$PYTHON" -c 'import statistics, sys; print(round(statistics.median(map(float, sys.argv[1:])), 1))' "$@"; }

echo "| seq | greendl fp32 seq/s | greendl int8 seq/s | int8/fp32 | PyTorch fp32 seq/s | PyTorch int8 seq/s | greendl int8 / PyTorch int8 | PyTorch int8 agreement |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for seq in 32 128; do
  fp=(); q=()
  for _ in $(seq "$ROUNDS"); do
    fp+=("$(serve "$WORK/encoder.onnx" "$seq")")
    q+=("$(serve "$WORK/encoder-int8.onnx" "$seq")")
  done
  f32=$(median "${fp[@]}"); i8=$(median "${q[@]}")
  torch=$("$PYTHON" "$root/benchmarks/byo-onnx/encoder.py" torch --out "$WORK" --threads "$THREADS" --seq "$seq" \
      --repeats "$ROUNDS" --seconds 2 2>/dev/null | tail -1)
  read -r tf ti ta < <("$PYTHON" -c 'import json, sys; r = json.loads(sys.argv[1]); print(r["torch_fp32_per_s"], r["torch_dynamic_int8_per_s"], r["torch_int8_top1_agreement"])' "$torch")
  "$PYTHON" -c 'import sys; s, f, i, tf, ti, ta = sys.argv[1:]; f, i, tf, ti = map(float, (f, i, tf, ti)); print(f"| {s} | {f:,.1f} | {i:,.1f} | {i / f:.2f}x | {tf:,.1f} | {ti:,.1f} | {i / ti:.2f}x | {float(ta):.3f} |")' \
      "$seq" "$f32" "$i8" "$tf" "$ti" "$ta"
done
echo
echo "greendl int8 agreement with fp32, 1,000 random token inputs (seq 128):"
"$g" infer "$WORK/encoder.onnx" --agree-with "$WORK/encoder-int8.onnx" --limit 1000 --threads "$THREADS" \
    --input input_ids=N,128:int64 --input attention_mask=N,128:int64 2>/dev/null | tail -1
