#!/usr/bin/env python3
"""Summarises select-prune runs: per score, mean accuracy and energy over seeds, against the full-data baseline
trained in the same seeds (accuracy cost in points; energy share, scoring included). Prints a Markdown table."""
import json
import os
import sys
from collections import defaultdict

out = sys.argv[1]
runs = defaultdict(list)
full = {}
for name in sorted(os.listdir(out)):
    f = os.path.join(out, name, "run.json")
    if not os.path.isfile(f):
        continue
    r = json.load(open(f))
    if r.get("kind") != "prune-data":
        continue
    seed = r["config"]["seed"]
    runs[r["config"]["score"]].append(r)
    p = r.get("pruning", {})
    if "full_kwh" in p:
        full[seed] = (p["full_test_accuracy"], p["full_kwh"], p.get("full_cpu_kwh"))
if not full:
    print("no full-data baseline found")
    sys.exit(0)
mean = lambda xs: sum(xs) / len(xs)
acc_full = mean([f[0] for f in full.values()])
kwh_full = mean([f[1] for f in full.values()])
cfg = next(iter(runs.values()))[0]["config"]
lines = [f"Full data: {100 * acc_full:.2f} % test accuracy, {1000 * kwh_full:.4f} Wh ({len(full)} seeds; "
         f"model {next(iter(runs.values()))[0]['model']['name']}, {cfg['epochs']} epochs, "
         f"{cfg.get('train_examples', '?')} training images).", "",
         "| score | seeds | kept | test accuracy | cost (points) | energy, scoring included (Wh) "
         "| scoring (Wh) | share of full energy | share of full CPU energy |",
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
for score, rs in runs.items():
    seeds = [r["config"]["seed"] for r in rs if r["config"]["seed"] in full]
    rs = [r for r in rs if r["config"]["seed"] in full]
    if not rs:
        continue
    acc = mean([r["metrics"]["test_accuracy"] for r in rs])
    kwh = mean([r["energy"]["total_kwh"] for r in rs])
    scoring = mean([r["energy"]["scoring_kwh"] for r in rs])
    full_acc = mean([full[s][0] for s in seeds])
    full_kwh = mean([full[s][1] for s in seeds])
    cpu = [r["energy"].get("cpu_kwh") for r in rs]
    full_cpu = [full[s][2] for s in seeds]
    cpu_share = (f"{100 * mean(cpu) / mean(full_cpu):.0f} %"
                 if None not in cpu and None not in full_cpu else "-")
    lines.append(f"| {score} | {len(rs)} | {rs[0]['pruning']['kept']} of {rs[0]['pruning']['of']} | "
                 f"{100 * acc:.2f} % | {100 * (full_acc - acc):.2f} | {1000 * kwh:.4f} | {1000 * scoring:.4f} | "
                 f"{100 * kwh / full_kwh:.0f} % | {cpu_share} |")
print("\n".join(lines))
