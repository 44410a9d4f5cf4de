#!/usr/bin/env bash
# The PyTorch CNN of cnn.py through greendl: train and export it (unless WORK already holds cnn.onnx), profile it
# against the hand count, quantize it with its own preprocessing ((x/255 - 0.5)/0.5), score fp32 and int8 with
# `greendl infer`, then batch-64 throughput of fp32 and int8 interleaved (A B A B, ROUNDS rounds) at each of
# THREADS, beside PyTorch fp32 and PyTorch's own static int8 at the same threads. Prints Markdown.
#
#   THREADS="1 2" ROUNDS=3 benchmarks/byo-onnx/cnn.sh
#
# WORK (default runs/byo-onnx-cnn) keeps the files; PYTHON (default python3) needs Debian's python3-torch.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/byo-onnx-cnn}"
THREADS="${THREADS:-1 2}"
ROUNDS="${ROUNDS:-3}"
PYTHON="${PYTHON:-python3}"
g="$root/greendl"
mkdir -p "$WORK"
[[ -f "$WORK/cnn.onnx" ]] || "$PYTHON" "$root/benchmarks/byo-onnx/cnn.py" train --out "$WORK" --threads 2 >&2
echo "profile: $("$g" profile "$WORK/cnn.onnx" 2>/dev/null | tail -1)"
echo "hand count: $("$PYTHON" -c 'import sys; src = open(sys.argv[1]).read(); exec(src[src.index("def hand_count"):src.index("def accuracy")]); print(hand_count())' "$root/benchmarks/byo-onnx/cnn.py")"
"$g" quantize "$WORK/cnn.onnx" --out "$WORK/cnn-int8.onnx" --data fashion-mnist --normalize 0.5,0.5 \
    --calibration-size 512 --validation-size 1000 --max-accuracy-drop 0.5 2>/dev/null | grep -E "drop|calibration" | head -3
for m in cnn cnn-int8; do
  echo "$m: $("$g" infer "$WORK/$m.onnx" --data fashion-mnist --normalize 0.5,0.5 --threads 2 2>/dev/null | tail -1)"
done
serve() {
  "$g" serve-bench "$1" --batch 64 --threads "$2" --seconds 2 --warmup 10 --format json 2>/dev/null \
    | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["results"][0]["throughput_per_s"])'
}
median() { "$PYTHON" -c 'import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))' "$@"; }
echo
echo "| threads | ONNX fp32 img/s | greendl int8 img/s | int8/fp32 | PyTorch fp32 img/s | PyTorch int8 img/s | greendl int8 / PyTorch int8 | PyTorch int8 accuracy |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for t in $THREADS; do
  fp=(); q=()
  for _ in $(seq "$ROUNDS"); do
    fp+=("$(serve "$WORK/cnn.onnx" "$t")")
    q+=("$(serve "$WORK/cnn-int8.onnx" "$t")")
  done
  torch=$("$PYTHON" "$root/benchmarks/byo-onnx/cnn.py" torch --out "$WORK" --threads "$t" --repeats "$ROUNDS" \
      --seconds 2 2>/dev/null | tail -1)
  "$PYTHON" -c 'import json, sys; t, f, q, r = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), json.loads(sys.argv[4]); tf, ti, acc = r["torch_fp32_b64_per_s"], r["torch_int8_b64_per_s"], r["torch_int8_accuracy"]; print(f"| {t} | {f:,.0f} | {q:,.0f} | {q / f:.2f}x | {tf:,.0f} | {ti:,.0f} | {q / ti:.2f}x | {acc:.4f} |")' \
      "$t" "$(median "${fp[@]}")" "$(median "${q[@]}")" "$torch"
done
