#!/usr/bin/env python3
"""Summarises pairs.sh: per seed, the pruned run's test accuracy against the full-data run's, the cost in points
and the energy share (scoring included); then the mean over seeds that have both. Prints Markdown."""
import json
import os
import re
import sys
from statistics import mean, stdev

out = sys.argv[1]
runs = {}
for name in os.listdir(out):
    m = re.match(r"(full|pruned)-s(\d+)$", name)
    f = os.path.join(out, name, "run.json")
    if m and os.path.isfile(f):
        runs[(m.group(1), int(m.group(2)))] = json.load(open(f))
seeds = sorted(s for kind, s in runs if kind == "pruned" and ("full", s) in runs)
if not seeds:
    print("no seed has both a pruned and a full-data run")
    sys.exit(0)
c = runs[("pruned", seeds[0])]["config"]
print(f"model {runs[('pruned', seeds[0])]['model']['name']}, {c['epochs']} epochs, learning rate "
      f"{c.get('lr_schedule', 'constant')}, augmentation {c.get('augment', 'none')}; pruned: {c['score']} "
      f"({c.get('policy')}, class-balanced {c.get('class_balanced')}, skip hardest {c.get('skip_hardest')}, "
      f"scored by {c.get('score_model')}), keep {c['keep']}; {c.get('test_examples')} test images.\n")
print("| seed | full data | pruned | cost (points) | full energy (Wh) | pruned energy incl. scoring (Wh) | scoring (Wh) "
      "| share of full energy | share of full CPU energy |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
costs, shares, cpu_shares = [], [], []
for s in seeds:
    f, p = runs[("full", s)], runs[("pruned", s)]
    fa, pa = f["metrics"]["test_accuracy"], p["metrics"]["test_accuracy"]
    fe, pe = f["energy"]["total_kwh"], p["energy"]["total_kwh"]
    cost, share = 100 * (fa - pa), pe / fe
    cpu_share = p["energy"]["cpu_kwh"] / f["energy"]["cpu_kwh"]
    costs.append(cost); shares.append(share); cpu_shares.append(cpu_share)
    print(f"| {s} | {100 * fa:.2f} % | {100 * pa:.2f} % | {cost:.2f} | {1000 * fe:.4f} | {1000 * pe:.4f} | "
          f"{1000 * p['energy']['scoring_kwh']:.4f} | {100 * share:.0f} % | {100 * cpu_share:.0f} % |")
spread = lambda xs: f" ± {stdev(xs):.2f}" if len(xs) > 1 else ""
print(f"| mean of {len(seeds)} | {mean(100 * runs[('full', s)]['metrics']['test_accuracy'] for s in seeds):.2f} % | "
      f"{mean(100 * runs[('pruned', s)]['metrics']['test_accuracy'] for s in seeds):.2f} % | "
      f"**{mean(costs):.2f}**{spread(costs)} | | | | **{100 * mean(shares):.0f} %** | {100 * mean(cpu_shares):.0f} % |")
