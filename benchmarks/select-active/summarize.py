#!/usr/bin/env python3
"""Summarises select-active runs: mean curve per strategy over seeds, and the labels each strategy needs to
reach random sampling's final mean accuracy over the SAME seeds (linear interpolation between rounds). Writes
summary.json beside the runs and prints a Markdown table."""
import json
import os
import sys
from collections import defaultdict

out = sys.argv[1]
curves = defaultdict(dict)  # strategy -> seed -> curve
config = None
for name in sorted(os.listdir(out)):
    f = os.path.join(out, name, "run.json")
    if not os.path.isfile(f):
        continue
    r = json.load(open(f))
    if r.get("kind") != "active-learn" or r.get("stop_reason") != "completed":
        continue
    curves[r["config"]["strategy"]][r["config"]["seed"]] = r["curve"]
    config = r["config"]


def mean_curve(runs):
    by_labels = defaultdict(list)
    for c in runs:
        for p in c:
            by_labels[p["labels"]].append(p)
    return [{"labels": n,
             "test_accuracy": sum(p["test_accuracy"] for p in ps) / len(ps),
             "energy_kwh": sum(p["energy_kwh"] for p in ps) / len(ps),
             "selection_kwh": sum(p["selection_kwh"] for p in ps) / len(ps),
             "seeds": len(ps)} for n, ps in sorted(by_labels.items())]


def labels_to_reach(curve, target):
    prev = None
    for p in curve:
        if p["test_accuracy"] >= target:
            if prev is None:
                return p["labels"], p["energy_kwh"]
            f = (target - prev["test_accuracy"]) / (p["test_accuracy"] - prev["test_accuracy"])
            return (prev["labels"] + f * (p["labels"] - prev["labels"]),
                    prev["energy_kwh"] + f * (p["energy_kwh"] - prev["energy_kwh"]))
        prev = p
    return None, None


summary = {"config": config, "strategies": {}}
if "random" not in curves:
    print("no completed random runs: nothing to compare against")
    sys.exit(0)
lines = ["| strategy | seeds | final accuracy | random's final accuracy, same seeds | labels to reach it "
         "| share of random's labels | energy to reach it (Wh) | random's energy (Wh) | selection energy (Wh, whole run) |",
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
for s in sorted(curves, key=lambda k: k != "random"):
    seeds = sorted(seed for seed in curves[s] if seed in curves["random"])
    if not seeds:
        continue
    c = mean_curve([curves[s][seed] for seed in seeds])
    rand = mean_curve([curves["random"][seed] for seed in seeds])[-1]
    target = rand["test_accuracy"]
    n, e = labels_to_reach(c, target)
    last = c[-1]
    share = None if n is None else n / rand["labels"]
    summary["strategies"][s] = {"seeds": seeds, "curve": c, "random_final_accuracy": target,
                                "random_labels": rand["labels"], "labels_to_reach_random": n,
                                "share_of_random_labels": share, "energy_kwh_to_reach_random": e,
                                "random_energy_kwh": rand["energy_kwh"]}
    lines.append(f"| {s} | {','.join(map(str, seeds))} | {100 * last['test_accuracy']:.2f} % | "
                 f"{100 * target:.2f} % at {rand['labels']} | "
                 f"{'not reached' if n is None else round(n)} | "
                 f"{'-' if share is None else f'{100 * share:.0f} %'} | "
                 f"{'-' if e is None else f'{1000 * e:.4f}'} | {1000 * rand['energy_kwh']:.4f} | "
                 f"{1000 * last['selection_kwh']:.4f} |")
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print("\n".join(lines))

# Mean curves (test accuracy in %) and, per seed, the share of labels each strategy needed to reach that seed's
# random final accuracy: the spread behind the mean.
labels = sorted({p["labels"] for s in summary["strategies"].values() for p in s["curve"]})
print()
print("| labels | " + " | ".join(str(n) for n in labels) + " |")
print("| --- |" + " --- |" * len(labels))
for s, v in summary["strategies"].items():
    acc = {p["labels"]: p["test_accuracy"] for p in v["curve"]}
    print(f"| {s} | " + " | ".join(f"{100 * acc[n]:.1f}" if n in acc else "-" for n in labels) + " |")
print()
for s in summary["strategies"]:
    shares = []
    for seed in summary["strategies"][s]["seeds"]:
        rand = curves["random"][seed][-1]
        n, _ = labels_to_reach(curves[s][seed], rand["test_accuracy"])
        shares.append(f"seed {seed}: " + ("not reached" if n is None else f"{100 * n / rand['labels']:.0f} %"))
    print(f"- {s}, per seed: " + ", ".join(shares))
