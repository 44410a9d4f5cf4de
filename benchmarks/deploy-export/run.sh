#!/usr/bin/env bash
# Exports the 28x28 zoo models to ONNX (opset 17), checks fp32 parity with DJL on 1,000 Fashion-MNIST test
# images, exports the int8 (QDQ) version too, and runs the ONNX checker (full_check) on every file.
#
# Usage: benchmarks/deploy-export/run.sh [MODEL_DIR ...]
#   MODEL_DIR: trained model folders (greendl train --out DIR; pruned or factorized ones too); without any, the
#   zoo models are exported with fresh random weights (parity and the checker do not depend on training), vit-tiny
#   both with softmax and with linear attention.
# Output: $OUT (default runs/deploy-export)/<model>.json and .onnx files, and a summary on stdout.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/runs/deploy-export}"
mkdir -p "$out"

if ! /usr/bin/python3 -c 'import onnx' 2>/dev/null; then
  echo "installing Debian's python3-onnx for the ONNX checker..." >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -q python3-onnx >&2; else sudo apt-get install -y -q python3-onnx >&2; fi
fi

sources=()
if [[ $# -gt 0 ]]; then
  for d in "$@"; do sources+=("dir:$d"); done
else
  for m in mlp lenet5 cnn mobilenet-mini vit-tiny vit-tiny@attention=linear early-exit-cnn; do sources+=("zoo:$m"); done
fi

files=()
printf '%-16s %-10s %-14s %-12s %s\n' model kind parity_maxabs bytes note
for s in "${sources[@]}"; do
  kind="${s%%:*}"; what="${s#*:}"
  name="$(basename "$what")"
  if [[ $kind == zoo ]]; then
    args=(--zoo "${what%%@*}")
    # NAME@KEY=VALUE: a zoo option, e.g. vit-tiny@attention=linear -> vit-tiny-linear
    if [[ $what == *@* ]]; then args+=(--option "${what#*@}"); name="${what%%@*}-${what##*=}"; fi
  else
    args=("$what")
  fi
  for variant in fp32 int8; do
    extra=(); [[ $variant == int8 ]] && extra=(--int8 --parity 0)
    if nice "$root/greendl" export "${args[@]}" --out "$out/$name-$variant.onnx" "${extra[@]}" --format json \
        > "$out/$name-$variant.json" 2> "$out/$name-$variant.err"; then
      parity=$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d.get('parity',{}).get('max_abs_diff','-'))" "$out/$name-$variant.json")
      bytes=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['bytes'])" "$out/$name-$variant.json")
      printf '%-16s %-10s %-14s %-12s %s\n' "$name" "$variant" "$parity" "$bytes" "$kind"
      files+=("$out/$name-$variant.onnx")
    else
      printf '%-16s %-10s %-14s %-12s %s\n' "$name" "$variant" - - "not exported: $(head -1 "$out/$name-$variant.err")"
    fi
  done
done

echo
echo "ONNX checker (onnx.checker.check_model(m, full_check=True)):"
/usr/bin/python3 "$here/check_onnx.py" "${files[@]}"
