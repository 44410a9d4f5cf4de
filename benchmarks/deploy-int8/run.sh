#!/usr/bin/env bash
# int8 vs fp32 ONNX for one model: file size, test accuracy (10,000 Fashion-MNIST test images) and serving speed,
# measured side by side: ROUNDS rounds of fp32 then int8 (A B A B ...), same thread count, medians and ratios.
#
# Usage: benchmarks/deploy-int8/run.sh MODEL_DIR        (a trained model folder, e.g. from greendl train --out)
#        benchmarks/deploy-int8/run.sh --zoo cnn        (random weights: speed and size only, accuracy meaningless)
# Settings (environment): THREADS (default 2), ROUNDS (5), RUN_SECONDS per batch size and round (3),
#   BATCHES (1,64), CALIBRATION (minmax|percentile|entropy), CALIBRATION_SIZE (512), OUT (runs/deploy-int8),
#   EXPORT_ARGS (extra greendl export options for the int8 file, e.g. --no-kernel-layout),
#   PROFILE (N > 0: afterwards, ONNX Runtime's per-node profile of N batches of 64 for both files; default 0).
# Both files run with the same ONNX Runtime session settings (ALL_OPT, sequential, THREADS intra-op threads,
# ORT's default spinning); nothing is set for one that is not set for the other.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/runs/deploy-int8}"
threads="${THREADS:-2}"; rounds="${ROUNDS:-5}"; seconds="${RUN_SECONDS:-3}"
batches="${BATCHES:-1,64}"; calibration="${CALIBRATION:-minmax}"; calib_size="${CALIBRATION_SIZE:-512}"
[[ $# -ge 1 ]] || { echo "usage: $0 MODEL_DIR | --zoo NAME" >&2; exit 2; }
mkdir -p "$out"
g="$root/greendl"

echo "exporting fp32 and int8 ($calibration, $calib_size calibration images)..." >&2
nice "$g" export "$@" --out "$out/fp32.onnx" --format json > "$out/export-fp32.json"
nice "$g" export "$@" --out "$out/int8.onnx" --int8 --calibration "$calibration" \
  --calibration-size "$calib_size" --parity 0 ${EXPORT_ARGS:-} --format json > "$out/export-int8.json"

echo "test accuracy (ONNX Runtime, $threads threads)..." >&2
nice "$g" infer "$out/fp32.onnx" --dataset fashion-mnist --threads "$threads" --format json > "$out/infer-fp32.json"
nice "$g" infer "$out/int8.onnx" --dataset fashion-mnist --threads "$threads" --format json > "$out/infer-int8.json"

for r in $(seq 1 "$rounds"); do
  for v in fp32 int8; do
    echo "round $r/$rounds: $v" >&2
    "$g" serve-bench "$out/$v.onnx" --batch "$batches" --threads "$threads" --seconds "$seconds" --format json \
      > "$out/bench-$v-$r.json"
  done
done

if [[ ${PROFILE:-0} -gt 0 ]]; then
  for v in fp32 int8; do
    "$g" serve-bench "$out/$v.onnx" --batch 64 --threads "$threads" --seconds 0.5 --profile "$PROFILE" --top 12 \
      > "$out/profile-$v.txt"
  done
fi

/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys, os
out, rounds = sys.argv[1], int(sys.argv[2])
load = lambda n: json.load(open(os.path.join(out, n)))
e32, e8 = load("export-fp32.json"), load("export-int8.json")
a32 = load("infer-fp32.json")["metrics"]["test_accuracy"]
a8 = load("infer-int8.json")["metrics"]["test_accuracy"]
summary = {"fp32_bytes": e32["bytes"], "int8_bytes": e8["bytes"], "size_ratio": e8["bytes"] / e32["bytes"],
           "parity_max_abs_diff": e32.get("parity", {}).get("max_abs_diff"),
           "test_accuracy_fp32": a32, "test_accuracy_int8": a8, "accuracy_drop_points": 100 * (a32 - a8),
           "ort_optimized_ops_int8": e8["int8"]["ort_optimized_ops"],
           "layout_rewrites": e8["int8"].get("layout_rewrites", []), "rounds": rounds, "batches": []}
runs = {v: [load(f"bench-{v}-{r}.json") for r in range(1, rounds + 1)] for v in ("fp32", "int8")}
summary["threads"] = runs["fp32"][0]["threads"]
for i, res in enumerate(runs["fp32"][0]["results"]):
    b = res["batch"]
    tp = {v: [run["results"][i]["throughput_per_s"] for run in runs[v]] for v in runs}
    p50 = {v: [run["results"][i]["latency_ms_p50"] for run in runs[v]] for v in runs}
    en = {v: [run["results"][i]["energy_kwh_per_1k"] for run in runs[v]] for v in runs}
    ratios = [q / p for p, q in zip(tp["fp32"], tp["int8"])]
    row = {"batch": b,
           "throughput_fp32_median": statistics.median(tp["fp32"]), "throughput_int8_median": statistics.median(tp["int8"]),
           "throughput_ratio_median_of_rounds": statistics.median(ratios), "throughput_ratios": ratios,
           "latency_ms_p50_fp32_median": statistics.median(p50["fp32"]), "latency_ms_p50_int8_median": statistics.median(p50["int8"]),
           "energy_source": runs["int8"][0]["results"][i]["energy_source"]}
    if all(x is not None for x in en["fp32"] + en["int8"]):
        row["energy_kwh_per_1k_fp32_median"] = statistics.median(en["fp32"])
        row["energy_kwh_per_1k_int8_median"] = statistics.median(en["int8"])
    summary["batches"].append(row)
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print(f"size: int8 {summary['int8_bytes']} B / fp32 {summary['fp32_bytes']} B = {summary['size_ratio']:.3f}x")
print(f"accuracy: fp32 {a32:.4f}, int8 {a8:.4f}, drop {summary['accuracy_drop_points']:.2f} points")
print(f"int8 graph after ORT ALL_OPT: {summary['ort_optimized_ops_int8']}")
for row in summary["batches"]:
    verdict = "int8 FASTER" if row["throughput_ratio_median_of_rounds"] > 1 else "int8 SLOWER"
    print(f"batch {row['batch']:>3}: fp32 {row['throughput_fp32_median']:.0f}/s, int8 {row['throughput_int8_median']:.0f}/s, "
          f"ratio {row['throughput_ratio_median_of_rounds']:.2f}x (median of {rounds} interleaved rounds, "
          f"{summary['threads']} threads) -> {verdict}")
    print(f"           rounds: {', '.join(f'{r:.2f}' for r in row['throughput_ratios'])}")
    if "energy_kwh_per_1k_fp32_median" in row:
        print(f"           energy/1k inferences: fp32 {row['energy_kwh_per_1k_fp32_median']:.3e} kWh, "
              f"int8 {row['energy_kwh_per_1k_int8_median']:.3e} kWh ({row['energy_source']})")
PY
