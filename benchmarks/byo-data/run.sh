#!/usr/bin/env bash
# Accuracy of greendl trained on data it did not ship with, given as a user would give it, beside scikit-learn
# on the same files: scikit-learn's digits (CSV and as a PNG folder), its breast-cancer CSV (one summary line
# before the rows), a 3-class RGB 32x32 folder, and Fashion-MNIST as a PNG folder, an npz and IDX files against
# the built-in loader (same model, epochs and seed: the figures should agree within 0.3 points).
#
#   benchmarks/byo-data/run.sh            # all of it (the Fashion-MNIST part trains 4 mlps on 60,000 images)
#   SKIP_FASHION=1 benchmarks/byo-data/run.sh
#
# WORK (default runs/byo-data-accuracy) keeps the data and the runs; GREENDL_THREADS (default 2) the threads.
# PYTHON (default python3) must have numpy, Pillow and scikit-learn (Debian: python3-sklearn python3-pil) and Fashion-MNIST
# where greendl finds it (Debian: dataset-fashion-mnist). Prints a Markdown table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/byo-data-accuracy}"
export GREENDL_THREADS="${GREENDL_THREADS:-2}"
PYTHON="${PYTHON:-python3}"
sk="$("$PYTHON" -c 'import os, sklearn.datasets as d; print(os.path.join(os.path.dirname(d.__file__), "data"))')"
mkdir -p "$WORK"
make_data() { "$PYTHON" "$root/benchmarks/byo-data/make_data.py" "$@" >&2; }
[[ -d "$WORK/digits" ]] || make_data digits-folder "$WORK/digits"
[[ -d "$WORK/rgb" ]] || make_data rgb-folder "$WORK/rgb"

# train NAME MODEL EPOCHS DATA-OPTIONS...: prints "test_accuracy wall_s" of one greendl train run.
train() {
  local name="$1" model="$2" epochs="$3"; shift 3
  rm -rf "$WORK/runs/$name"
  local t0; t0=$(date +%s.%N)
  "$root/greendl" train --model "$model" --epochs "$epochs" --seed 42 --progress none --format json \
      --out "$WORK/runs/$name" "$@" > "$WORK/$name.json"
  local t1; t1=$(date +%s.%N)
  "$PYTHON" -c 'import json, sys; r = json.load(open(sys.argv[1])); print(round(r["metrics"]["test_accuracy"], 4), round(float(sys.argv[3]) - float(sys.argv[2]), 1))' \
      "$WORK/$name.json" "$t0" "$t1"
}

# The peer: scikit-learn's MLP on the same file with a stratified 80/20 split (its own split, not greendl's).
peer() {
  "$PYTHON" - "$@" <<'PY'
import sys, numpy as np
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
path, skip = sys.argv[1], int(sys.argv[2])
a = np.loadtxt(path, delimiter=",", skiprows=skip)
x, y = a[:, :-1], a[:, -1].astype(int)
xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, stratify=y, random_state=42)
s = StandardScaler().fit(xtr)
m = MLPClassifier(hidden_layer_sizes=(256, 128), max_iter=300, random_state=42).fit(s.transform(xtr), ytr)
print(round(m.score(s.transform(xte), yte), 4))
PY
}

echo "| data | spec | model | epochs | greendl test acc. | wall s | scikit-learn MLP |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: |"
row() { # data spec model epochs peer -- train args
  local data="$1" spec="$2" model="$3" epochs="$4" peerAcc="$5"; shift 5
  read -r acc wall < <(train "$(echo "$data-$model" | tr ' /' '__')" "$model" "$epochs" "$@")
  echo "| $data | \`$spec\` | $model | $epochs | $acc | $wall | $peerAcc |"
}
row "digits CSV" "csv:digits.csv.gz" mlp 20 "$(peer "$sk/digits.csv.gz" 0)" --data "csv:$sk/digits.csv.gz"
row "digits PNG folder (8x8)" "folder:digits" cnn 20 "-" --data "folder:$WORK/digits"
row "breast cancer CSV" "csv:breast_cancer.csv --skip-rows 1" mlp 20 "$(peer "$sk/breast_cancer.csv" 1)" \
    --data "csv:$sk/breast_cancer.csv" --skip-rows 1
row "RGB 32x32 folder (3 classes)" "folder:rgb" cnn 5 "-" --data "folder:$WORK/rgb"
row "RGB 32x32 folder (3 classes)" "folder:rgb" mobilenet-mini 5 "-" --data "folder:$WORK/rgb"

if [[ -z "${SKIP_FASHION:-}" ]]; then
  fm="$("$PYTHON" -c 'import os; print(next(p for p in ["/usr/share/datasets/fashion-mnist", os.path.expanduser("~/.greendl/data/fashion-mnist")] if os.path.isdir(p)))')"
  [[ -d "$WORK/fashion" ]] || make_data fashion-formats "$fm" "$WORK/fashion"
  row "Fashion-MNIST, built-in" "fashion-mnist" mlp 3 "-" --data fashion-mnist
  row "Fashion-MNIST as IDX files" "idx:DIR" mlp 3 "-" --data "idx:$WORK/fashion/idx"
  row "Fashion-MNIST as npz" "npz:fashion.npz" mlp 3 "-" --data "npz:$WORK/fashion/fashion.npz"
  row "Fashion-MNIST as PNG folder" "folder:DIR" mlp 3 "-" --data "folder:$WORK/fashion/folder"
fi
