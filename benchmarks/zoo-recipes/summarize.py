#!/usr/bin/env python3
"""Table of validation/test accuracy per model and recipe from OUT/<model>/<recipe>/run.json; marks the
recipe with the best validation accuracy (the choice) per model."""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
print("| model | recipe | train images | epochs | val. acc. | test acc. | energy (Wh, estimate) | chosen |")
print("|---|---|---|---|---|---|---|---|")
for model_dir in sorted(p for p in root.iterdir() if p.is_dir()):
    rows = []
    for run in sorted(model_dir.glob("*/run.json")):
        r = json.loads(run.read_text())
        cfg = r.get("config", {})
        rows.append((r["metrics"].get("validation_accuracy") or 0.0, run.parent.name, r, cfg))
    if not rows:
        continue
    best = max(rows, key=lambda t: t[0])[1]
    for val, name, r, cfg in rows:
        print(f"| {model_dir.name} | {name} | {'all' if cfg.get('limit', 'none') in (None, 'none') else cfg['limit']} | {cfg.get('epochs')} | {100 * val:.2f} % "
              f"| {100 * r['metrics']['test_accuracy']:.2f} % | {1000 * r['energy']['total_kwh']:.3f} "
              f"| {'**yes**' if name == best else ''} |")
