#!/usr/bin/env python3
"""The best wall-time speed-up a successive-halving search could get on N executors, from its recorded trials.

    benchmarks/spark/packing.py SEARCH_DIR [SLOTS [WALL_S]]        # SLOTS default 2

SEARCH_DIR is a finished search's --out (search.json and the trials' run folders; a local search with one engine
thread is the baseline). Each trial's own time is its run record's time.wall_s less that of the run it continued
from (a higher rung resumes the same configuration's checkpoint, and its record's time includes the rungs below).
Each rung (the trials of one epoch budget) is a barrier: the next rung starts when it has ended. A rung's best
makespan on SLOTS slots is the optimum: on 2 slots found exactly (the subset of the rung's trials, in whole
milliseconds, whose sum is nearest half the rung's), on more by longest-processing-time-first packing (LPT,
within 4/3 of the optimum). LPT and the lower bound max(sum / SLOTS, longest trial) are printed beside it. Nothing else is counted: no scheduling, JVM or
data-loading cost, no slower trials when they share a machine. The ceiling is the sum of all trial times divided
by the sum of the rungs' makespans. With WALL_S, the search command's measured wall time, the part of it outside
the trials (WALL_S less the trials' sum: JVM and engine start, the driver's data reading, the best's test
evaluation, journal writes) is held fixed and serial, and the command's ceiling is WALL_S / (that + the makespans).
"""
import heapq
import json
import os
import sys


def own_times(search_dir):
    search = json.load(open(os.path.join(search_dir, "search.json")))
    wall = {}
    for t in search["trials"]:
        rec = json.load(open(os.path.join(t["run_dir"], "run.json")))
        wall[t["run_dir"]] = (json.dumps(t["config"], sort_keys=True), t["epochs"], rec["time"]["wall_s"])
    trials = []
    for run_dir, (config, epochs, w) in wall.items():
        below = [v for v in wall.values() if v[0] == config and v[1] < epochs]
        before = max(below, key=lambda v: v[1])[2] if below else 0.0
        trials.append((epochs, config, w - before))
    return search, trials


def lpt(times, slots):
    loads = [0.0] * slots
    heapq.heapify(loads)
    for t in sorted(times, reverse=True):
        heapq.heappush(loads, heapq.heappop(loads) + t)
    return max(loads)


def best_two(times):
    """The optimal makespan of times on 2 slots: the subset sum nearest half the total (1 ms resolution)."""
    ms = [round(t * 1000) for t in times]
    total, reach = sum(ms), 1
    for m in ms:
        reach |= reach << m
    half = max(s for s in range(total // 2 + 1) if reach >> s & 1)
    return (total - half) / 1000


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: packing.py SEARCH_DIR [SLOTS [WALL_S]]")
    search_dir, slots = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2
    wall = float(sys.argv[3]) if len(sys.argv) > 3 else None
    search, trials = own_times(search_dir)
    rungs = sorted({e for e, _, _ in trials})
    print(f"{len(trials)} trials of {search['method']} in {len(rungs)} rungs; {slots} slots, each rung a barrier\n")
    print("| rung (epochs) | trials | sum s | longest s | best makespan s | LPT makespan s | lower bound s |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    serial = best = packed = bound = 0.0
    for r in rungs:
        times = [t for e, _, t in trials if e == r]
        s, m, lb = sum(times), lpt(times, slots), max(sum(times) / slots, max(times))
        b = best_two(times) if slots == 2 else m
        serial, best, packed, bound = serial + s, best + b, packed + m, bound + lb
        print(f"| {r} | {len(times)} | {s:.1f} | {max(times):.1f} | {b:.1f} | {m:.1f} | {lb:.1f} |")
    print(f"| all | {len(trials)} | {serial:.1f} | | {best:.1f} | {packed:.1f} | {bound:.1f} |")
    how = "exact" if slots == 2 else "LPT"
    print(f"\nceiling with perfect packing on {slots} slots ({how}): {serial / best:.2f}x; "
          f"LPT {serial / packed:.2f}x; the lower bound's {serial / bound:.2f}x")
    if wall is not None:
        outside = wall - serial
        print(f"the whole command: {wall:.1f} s, of which {outside:.1f} s outside the trials; its ceiling "
              f"{wall:.1f} / ({outside:.1f} + {best:.1f}) = {wall / (outside + best):.2f}x")


if __name__ == "__main__":
    main()
