"""Summarises benchmarks/train-strategies runs: per arm, energy/time to the target and final test accuracy.

Usage: summarize.py OUT_DIR TARGET. Reads OUT_DIR/<model>__<strategy>/seed-*/run.json; time to accuracy is
recomputed from the per-epoch records for TARGET (the same rule as run.json's time_to_accuracy: the first epoch
whose validation accuracy reached it; energy and wall time summed up to the end of that epoch).
"""
import json
import os
import statistics
import sys

out, target = sys.argv[1], float(sys.argv[2])


def tta(record):
    wall = kwh = 0.0
    for e in record["epochs"]:
        wall += e["wall_s"]
        kwh += e["energy"]["total_kwh"]
        acc = e["validation_accuracy"] if e["validation_accuracy"] is not None else e["train_accuracy"]
        if acc >= target:
            return e["epoch"], wall, kwh
    return None


def spread(values, scale=1.0, fmt="{:.3f}"):
    if not values:
        return "n/a"
    m = statistics.mean(values) * scale
    s = statistics.stdev(values) * scale if len(values) > 1 else 0.0
    return (fmt + " ± " + fmt).format(m, s)


arms = {}
for name in sorted(os.listdir(out), key=lambda n: (n.split("__")[0], n.split("__")[-1] != "none", n)):
    d = os.path.join(out, name)
    if not os.path.isdir(d) or "__" not in name:
        continue
    runs = []
    for seed in sorted(os.listdir(d)):
        p = os.path.join(d, seed, "run.json")
        if os.path.exists(p):
            runs.append(json.load(open(p)))
            runs[-1]["_seed"] = seed
    if runs:
        arms[name] = runs

rows, table = [], []
base_energy = {}
for name, runs in arms.items():
    model, strategy = name.split("__", 1)
    reached = [t for t in (tta(r) for r in runs) if t]
    energy_wh = [t[2] * 1000 for t in reached]
    row = {
        "model": model, "strategy": strategy, "runs": len(runs), "reached": len(reached),
        "epochs_to_target": [t[0] for t in reached], "wall_s_to_target": [t[1] for t in reached],
        "energy_wh_to_target": energy_wh,
        "test_accuracy": [r["metrics"]["test_accuracy"] for r in runs],
        "total_energy_wh": [r["energy"]["total_kwh"] * 1000 for r in runs],
        "energy_source": runs[0]["energy"]["sources"]["cpu"],
        "throughput": statistics.median(e["throughput_examples_per_s"] for r in runs for e in r["epochs"]),
    }
    rows.append(row)
    if strategy == "none" and len(reached) == len(runs):
        base_energy[model] = statistics.mean(energy_wh)

print(f"Target: validation accuracy >= {target}. Mean ± standard deviation over seeds; energy to target over the "
      f"seeds that reached it. CPU energy source: {rows[0]['energy_source'] if rows else 'n/a'}.\n")
print("| model | strategy | reached | epochs to target | energy to target (Wh) | vs plain | time to target (s) "
      "| final test accuracy | total energy (Wh) | median train images/s |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    ratio = "n/a"
    if r["energy_wh_to_target"] and r["model"] in base_energy:
        ratio = "{:.2f}".format(statistics.mean(r["energy_wh_to_target"]) / base_energy[r["model"]])
    print(f"| {r['model']} | {r['strategy']} | {r['reached']}/{r['runs']} | {spread(r['epochs_to_target'], fmt='{:.1f}')} "
          f"| {spread(r['energy_wh_to_target'])} | {ratio} | {spread(r['wall_s_to_target'], fmt='{:.0f}')} "
          f"| {spread(r['test_accuracy'], fmt='{:.4f}')} | {spread(r['total_energy_wh'])} | {r['throughput']:.0f} |")

# Paired view: each arm against the plain loop of the same model and seed, which ran next to it in time, so
# slow drifts of a shared machine cancel better than in the ratio of means above.
print("\nPaired with the plain loop of the same seed (mean ± standard deviation of the per-seed values):\n")
print("| model | strategy | seeds | energy to target vs plain | whole-run energy vs plain | test accuracy vs plain "
      "(points) |")
print("| --- | --- | --- | --- | --- | --- |")
for name, runs in arms.items():
    model, strategy = name.split("__", 1)
    plain = {r["_seed"]: r for r in arms.get(model + "__none", [])}
    if strategy == "none" or not plain:
        continue
    eta, total, acc = [], [], []
    for r in runs:
        p = plain.get(r["_seed"])
        if p is None:
            continue
        t, tp = tta(r), tta(p)
        if t and tp:
            eta.append(t[2] / tp[2])
        total.append(r["energy"]["total_kwh"] / p["energy"]["total_kwh"])
        acc.append((r["metrics"]["test_accuracy"] - p["metrics"]["test_accuracy"]) * 100)
    print(f"| {model} | {strategy} | {len(total)} | {spread(eta, fmt='{:.2f}')} ({len(eta)} pairs) "
          f"| {spread(total, fmt='{:.2f}')} | {'{:+.2f}'.format(statistics.mean(acc))} ± "
          f"{statistics.stdev(acc) if len(acc) > 1 else 0:.2f} |")
json.dump(rows, open(os.path.join(out, "summary.json"), "w"), indent=1)
