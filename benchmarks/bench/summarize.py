#!/usr/bin/env python3
"""Markdown table of a bench folder's bench.json: benchmarks/bench/summarize.py OUT"""
import json
import sys

bench = json.load(open(sys.argv[1] + "/bench.json"))
base = next((v for v in bench["variants"] if v.get("label") == "baseline"), None)


def ratio(v, path):
    try:
        a, b = v, base
        for k in path:
            a, b = a[k], b[k]
        return f"{a / b:.3f}"
    except (KeyError, TypeError, ZeroDivisionError):
        return "-"


print(f"settings: {json.dumps(bench.get('settings', {}))}, threads {bench.get('threads')}, "
      f"quick {bench.get('quick')}, wall {bench.get('time', {}).get('wall_s', 0):.0f} s")
print()
print("| variant | served by | test acc. | extra epochs | vs reference (points) | params | MACs | bytes "
      "| bytes vs base | b1 p50 ms | b64 p50 ms | energy/1k inf. (kWh) | vs base | made (Wh) | break-even (inferences) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for v in bench["variants"]:
    if "error" in v:
        print(f"| {v['label']} | failed: {v['error']} |||||||||||||")
        continue
    inf = v.get("inference", {})
    m = v.get("model", {})
    be = v.get("break_even_inferences", "-")
    be = f"{be:,.0f}" if isinstance(be, (int, float)) else ("never" if be != "-" else "-")
    c = v.get("comparison", {})
    vs = f"{c['accuracy_change_points']:+.2f} vs {c['reference']}" if "accuracy_change_points" in c else "-"
    print(f"| {v['label']} | {inf.get('runtime', '-')} | {100 * v['metrics']['test_accuracy']:.2f} % "
          f"| {c.get('extra_epochs', 0)} | {vs} | {m.get('params', 0):,} | {m.get('macs', 0):,} | {m.get('bytes', 0):,} | {ratio(v, ['model', 'bytes'])} "
          f"| {inf.get('latency_ms_b1_p50', float('nan')):.3f} | {inf.get('latency_ms_b64_p50', float('nan')):.2f} "
          f"| {inf.get('energy_kwh_per_1k', float('nan')):.3e} | {ratio(v, ['inference', 'energy_kwh_per_1k'])} "
          f"| {1000 * v.get('energy', {}).get('total_kwh', float('nan')):.3f} | {be} |")
best = bench.get("best_within_1_point")
if best:
    print()
    print(f"best within 1 point of {best.get('reference', 'baseline')}:", json.dumps(best))
