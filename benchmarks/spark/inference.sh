#!/usr/bin/env bash
# Batch inference over the Fashion-MNIST test split (10,000 images) with one ONNX model, side by side:
#   A: `greendl infer MODEL --data fashion-mnist` in one process, 1 intra-op thread;
#   A2: the same with 2 intra-op threads (the cluster's 2 cores in one process);
#   B: `greendl infer MODEL --data fashion-mnist --engine spark` on a standalone cluster on loopback (cluster.sh:
#      a master and two one-core workers, one executor each, 2 partitions, 1 thread per partition).
# REPS rounds interleaved A A2 B A A2 B ... (default 3); medians. Prints accuracy (must be equal in all runs),
# throughput as each command reports it (examples per second: the local command's wall time, data reading
# included; the Spark job's wall time on the driver, the executors' data reading included, context start-up not),
# the end-to-end wall time of each process (JVM, and for B the Spark context and executors, included), energy per
# 1,000 inferences in total and per host (process-mode readings over session opening and inference).
#
#   benchmarks/spark/inference.sh            # trains and exports the model first (below) unless MODEL=FILE.onnx
#
# Without MODEL: `greendl train --model cnn --epochs 1 --train-limit 10000 --seed 1` on Fashion-MNIST (2 engine
# threads), exported to ONNX (fp32). WORK (default runs/spark-inference), PORT (default 7377).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cluster.sh"
WORK="${WORK:-$root/runs/spark-inference}"
REPS="${REPS:-3}"
PORT="${PORT:-7377}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$WORK"
rm -rf "$WORK"/local1-* "$WORK"/local2-* "$WORK"/spark-*
if [[ -z "${MODEL:-}" ]]; then
  MODEL="$WORK/model.onnx"
  if [[ ! -f "$MODEL" ]]; then
    rm -rf "$WORK/model"
    "$root/greendl" train --model cnn --epochs 1 --train-limit 10000 --seed 1 --threads 2 \
        --out "$WORK/model" > "$WORK/train.log" 2>&1
    "$root/greendl" export "$WORK/model" --out "$MODEL" >> "$WORK/train.log" 2>&1
  fi
fi
trap cluster_stop EXIT
cluster_start "$WORK" "$PORT" 2
timed() { # OUT ARGS...: greendl_cmd, its end-to-end wall seconds on stdout
  local t0; t0=$(date +%s.%N)
  greendl_cmd "$@"
  "$PYTHON" -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$(date +%s.%N)" "$t0"
}
times=()
for r in $(seq "$REPS"); do
  for t in 1 2; do
    times+=("$(timed "$WORK/local$t-$r" infer "$MODEL" --data fashion-mnist --threads "$t" --format json)")
  done
  times+=("$(timed "$WORK/spark-$r" infer "$MODEL" --data fashion-mnist --engine spark \
      --master "spark://127.0.0.1:$PORT" --partitions 2 --threads 1 --predictions "$WORK/spark-$r.csv" --format json)")
done
"$PYTHON" - "$WORK" "${times[@]}" <<'PY'
import json, statistics, sys
work, t = sys.argv[1], [float(x) for x in sys.argv[2:]]
kinds = (("infer, 1 process, 1 thread", "local1"), ("infer, 1 process, 2 threads", "local2"),
         ("infer --engine spark, 2 x 1-core executors, 1 thread each", "spark"))
reps = len(t) // len(kinds)
rows = []
for r in range(1, reps + 1):
    for i, (name, m) in enumerate(kinds):
        d = json.load(open(f"{work}/{m}-{r}.json"))
        rows.append((name, m, r, d, t[len(kinds) * (r - 1) + i]))
print("| run | round | images | test accuracy | throughput img/s | end-to-end s | Wh per 1,000 | per host Wh per 1,000 |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
host = lambda d: d.get("energy_wh_per_1000_per_host", {"(this host)": d["energy_wh_per_1000"]})
for name, m, r, d, w in rows:
    n = d.get("images", d.get("examples"))
    print(f"| {name} | {r} | {n} | {d['metrics']['test_accuracy']:.4f} | {d['throughput_per_s']:.0f} | {w:.1f} | "
          f"{d['energy_wh_per_1000']:.6f} | {', '.join(f'{h}: {v:.6f}' for h, v in host(d).items())} |")
acc = {d["metrics"]["test_accuracy"] for *_, d, w in rows}
print(f"\nsame accuracy in all {len(rows)} runs: {len(acc) == 1} ({sorted(acc)})")
print("\n| run | median throughput img/s | median end-to-end s | median Wh per 1,000 |")
print("| --- | ---: | ---: | ---: |")
med = lambda m, f: statistics.median(f(d, w) for name, mm, r, d, w in rows if mm == m)
for name, m in kinds:
    print(f"| {name} | {med(m, lambda d, w: d['throughput_per_s']):.0f} | {med(m, lambda d, w: w):.1f} | "
          f"{med(m, lambda d, w: d['energy_wh_per_1000']):.6f} |")
for base in ("local1", "local2"):
    print(f"spark/{base}: throughput {med('spark', lambda d, w: d['throughput_per_s']) / med(base, lambda d, w: d['throughput_per_s']):.2f}x, "
          f"end-to-end {med('spark', lambda d, w: w) / med(base, lambda d, w: w):.2f}x, "
          f"Wh per 1,000 {med('spark', lambda d, w: d['energy_wh_per_1000']) / med(base, lambda d, w: d['energy_wh_per_1000']):.2f}x")
last = [d for name, m, r, d, w in rows if m == "spark"][-1]
print("partitions (last spark run):", [(p.get("host"), p.get("pid"), p.get("threads"), p.get("examples"),
      round(p.get("load_s", 0), 2)) for p in last.get("partition_reports", [])],
      "energy source:", last.get("energy_source"), "per host kWh:", last.get("energy_per_host"))
PY
