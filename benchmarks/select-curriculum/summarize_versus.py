#!/usr/bin/env python3
"""Summarises technique-versus-scratch runs (greendl curriculum / transfer): one row per run folder
OUT/<variant>-s<seed>/run.json, then the mean per variant. Prints a Markdown table."""
import json
import os
import re
import sys
from collections import defaultdict

out = sys.argv[1]
rows = []
by_variant = defaultdict(list)
for name in sorted(os.listdir(out)):
    f = os.path.join(out, name, "run.json")
    m = re.match(r"(.+)-s(\d+)$", name)
    if not m or not os.path.isfile(f):
        continue
    r = json.load(open(f))
    if "comparison" not in r:
        continue
    by_variant[m.group(1)].append(r)
mean = lambda xs: sum(xs) / len(xs)
lines = ["| variant | seeds | technique accuracy (per seed) | scratch accuracy (per seed) | gain (points) "
         "| technique energy incl. preparation (Wh) | preparation (Wh) | scratch energy (Wh) "
         "| energy ratio | ratio without preparation | examples seen (technique / scratch) |",
         "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
for variant, rs in by_variant.items():
    acc = [r["metrics"]["test_accuracy"] for r in rs]
    base = [r["comparison"]["baseline_test_accuracy"] for r in rs]
    kwh = mean([r["energy"]["total_kwh"] for r in rs])
    prep = mean([r["energy"]["preparation_kwh"] for r in rs])
    sk = mean([r["comparison"]["baseline_kwh"] for r in rs])
    train = mean([r["energy"]["train_kwh"] for r in rs])
    c = rs[0]["comparison"]
    lines.append(f"| {variant} | {len(rs)} | {100 * mean(acc):.2f} % ({', '.join(f'{100 * a:.2f}' for a in acc)}) | "
                 f"{100 * mean(base):.2f} % ({', '.join(f'{100 * a:.2f}' for a in base)}) | "
                 f"{100 * (mean(acc) - mean(base)):+.2f} | {1000 * kwh:.4f} | {1000 * prep:.4f} | {1000 * sk:.4f} | "
                 f"{kwh / sk:.2f} | {train / sk:.2f} | {c['examples']} / {c['baseline_examples']} |")
print("\n".join(lines))
