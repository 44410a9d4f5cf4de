#!/usr/bin/env python3
"""Summarises policies.sh runs: per variant (folder name without -s<seed>), mean test accuracy and energy over the
seeds that have a full-data baseline, the accuracy cost against it in points and the energy share, scoring
included. Prints a Markdown table."""
import json
import os
import re
import sys
from collections import defaultdict

out = sys.argv[1]
runs = defaultdict(list)
full = {}
for name in sorted(os.listdir(out)):
    f = os.path.join(out, name, "run.json")
    m = re.match(r"(.+)-s(\d+)$", name)
    if not m or not os.path.isfile(f):
        continue
    r = json.load(open(f))
    if r.get("kind") != "prune-data":
        continue
    runs[m.group(1)].append(r)
    p = r.get("pruning", {})
    if "full_kwh" in p:
        full[r["config"]["seed"]] = (p["full_test_accuracy"], p["full_kwh"], p.get("full_cpu_kwh"))
if not full:
    print("no full-data baseline found")
    sys.exit(0)
mean = lambda xs: sum(xs) / len(xs)
any_run = next(iter(runs.values()))[0]
cfg = any_run["config"]
lines = [f"Full data: {100 * mean([f[0] for f in full.values()]):.2f} % test accuracy "
         f"({', '.join(f'{100 * f[0]:.2f}' for f in full.values())}), "
         f"{1000 * mean([f[1] for f in full.values()]):.4f} Wh; model {any_run['model']['name']}, "
         f"{cfg['epochs']} epochs, {cfg.get('train_examples', '?')} training images, "
         f"{cfg.get('test_examples', '?')} test images, learning rate {cfg.get('lr_schedule', 'constant')}, "
         f"augmentation {cfg.get('augment', 'none')}, seeds {', '.join(str(s) for s in full)}.", "",
         "| variant | score | policy | class-balanced | skip hardest | score epochs (averaged) | seeds | kept "
         "| test accuracy (per seed) | cost (points) | energy incl. scoring (Wh) | scoring (Wh) | share of full energy "
         "| share of full CPU energy |",
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
for variant, rs in runs.items():
    rs = [r for r in rs if r["config"]["seed"] in full]
    if not rs:
        continue
    seeds = [r["config"]["seed"] for r in rs]
    c = rs[0]["config"]
    acc = mean([r["metrics"]["test_accuracy"] for r in rs])
    kwh = mean([r["energy"]["total_kwh"] for r in rs])
    scoring = mean([r["energy"]["scoring_kwh"] for r in rs])
    full_acc = mean([full[s][0] for s in seeds])
    full_kwh = mean([full[s][1] for s in seeds])
    cpu = [r["energy"].get("cpu_kwh") for r in rs]
    full_cpu = [full[s][2] for s in seeds]
    cpu_share = (f"{100 * mean(cpu) / mean(full_cpu):.0f} %" if None not in cpu and None not in full_cpu else "-")
    per_seed = ", ".join(f"{100 * r['metrics']['test_accuracy']:.2f}" for r in rs)
    score_epochs = "-" if c["score"] == "random" else (
        f"{c['score_epochs']} ({'yes' if c.get('score_every_epoch') else 'no'})"
        + (f" x {c['score_runs']} runs" if c.get("score_runs", 1) > 1 else "")
        + (f", {c['score_model']}" if c.get("score_model") != c.get("model", any_run["model"]["name"]) else ""))
    lines.append(f"| {variant} | {c['score']} | {c.get('policy', 'hardest') if c['score'] != 'random' else '-'} | "
                 f"{'yes' if c.get('class_balanced') else 'no'} | {c.get('skip_hardest', 0)} | {score_epochs} | "
                 f"{len(rs)} | {rs[0]['pruning']['kept']} of {rs[0]['pruning']['of']} | {100 * acc:.2f} % ({per_seed}) | "
                 f"{100 * (full_acc - acc):.2f} | {1000 * kwh:.4f} | {1000 * scoring:.4f} | {100 * kwh / full_kwh:.0f} % | "
                 f"{cpu_share} |")
print("\n".join(lines))
