#!/usr/bin/env bash
# bag-of-embeddings on the Debian sections TSV (benchmarks/text/debian-sections.sh), once per tokenizer: train
# EPOCHS epochs (Adam, LR, batch 64, seed 42), evaluate the saved model, export it to ONNX (parity on the test
# texts), and time ONNX Runtime on the test texts at batch 1 and 32 with one thread. Prints Markdown.
#
#   EPOCHS=5 LR=0.01 TOKENIZERS="word bpe" VOCABULARY=8000 benchmarks/text/run.sh
#
# WORK (default runs/text) holds the TSV (built when missing) and the runs; PYTHON (default python3), standard
# library only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$root/runs/text}"
EPOCHS="${EPOCHS:-5}"
LR="${LR:-0.01}"
TOKENIZERS="${TOKENIZERS:-word bpe}"
VOCABULARY="${VOCABULARY:-8000}"
PYTHON="${PYTHON:-python3}"
export GREENDL_THREADS="${GREENDL_THREADS:-2}"
data="$WORK/debian-sections.tsv"
mkdir -p "$WORK"
[[ -f "$data" ]] || OUT="$data" "$root/benchmarks/text/debian-sections.sh" >&2
for t in $TOKENIZERS; do
  run="$WORK/bag-$t-e$EPOCHS"
  rm -rf "$run" "$run.onnx"*
  "$root/greendl" train --model bag-of-embeddings --data "text:$data" --tokenizer "$t" --vocabulary "$VOCABULARY" \
      --epochs "$EPOCHS" --lr "$LR" --batch 64 --seed 42 --out "$run" --progress none --format json \
      > "$run.train.json" 2> "$run.train.log"
  "$root/greendl" evaluate "$run" --format json > "$run.evaluate.json" 2> "$run.evaluate.log"
  "$root/greendl" export "$run" --out "$run.onnx" --format json > "$run.export.json" 2> "$run.export.log"
  GREENDL_THREADS=1 "$root/greendl" serve-bench "$run.onnx" --data "text:$data" --batch 1,32 --seconds 3 \
      --threads 1 --format json > "$run.serve.json" 2> "$run.serve.log"
done
"$PYTHON" - "$WORK" "$TOKENIZERS" "$data" "$EPOCHS" <<'PY'
import collections, json, sys
work, tokenizers, data, epochs = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4]
labels = [l.split("\t", 1)[0] for l in open(data, encoding="utf-8").read().splitlines()[1:]]
counts = collections.Counter(labels)
print("data: %s, %s, %d rows, %d classes; the largest class is %.4f of the rows (always guessing it)" % (
    data.rsplit("/", 1)[-1], open(data + ".sha256").read().split()[0], len(labels), len(counts),
    counts.most_common(1)[0][1] / len(labels)))
print()
print("%s epochs; validation accuracy by epoch (10%% of the training split): %s" % (epochs, "; ".join(
    "%s %s" % (t, ", ".join("%.4f" % e["validation_accuracy"] for e in json.load(open(
        "%s/bag-%s-e%s/run.json" % (work, t, epochs)))["epochs"])) for t in tokenizers)))
print()
print("| tokenizer | ids | L (p95) | truncated | params | MACs | FLOPs | train s | test acc | evaluate acc |"
      " ONNX max abs diff | ORT p50 ms, batch 1 | ORT texts/s, batch 32 | energy kWh / 1k, batch 1 |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for t in tokenizers:
    base = "%s/bag-%s-e%s" % (work, t, epochs)
    run = json.load(open(base + "/run.json"))
    text = run["config"]["data"]["text"]
    ev = json.load(open(base + ".evaluate.json"))
    ex = json.load(open(base + ".export.json"))
    sv = {r["batch"]: r for r in json.load(open(base + ".serve.json"))["results"]}
    print("| %s | %d | %d | %d | %d | %d | %d | %.1f | %.4f | %.4f | %.2g | %.4f | %.0f | %.3g (%s) |" % (
        t, text["vocabulary"], text["sequence_length"], text["truncated"], run["model"]["params"],
        run["model"]["macs"], run["model"]["flops"], run["time"]["wall_s"], run["metrics"]["test_accuracy"],
        ev["test_accuracy"], ex["parity"]["max_abs_diff"], sv[1]["latency_ms_p50"], sv[32]["throughput_per_s"],
        sv[1]["energy_kwh_per_1k"], sv[1]["energy_source"]))
PY
