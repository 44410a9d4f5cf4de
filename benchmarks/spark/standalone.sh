#!/usr/bin/env bash
# The issue-8 successive-halving search (27 configurations, cnn, rungs of 1, 3 and 9 epochs, LIMIT training images)
# run twice side by side: in this process with one engine thread, and on a Spark standalone cluster on loopback —
# a master and two workers in their own JVMs started here from the build's jars, one single-core executor each.
# REPS rounds (default 2), interleaved: local, cluster, local, cluster, ... Prints each search's best
# configuration, whether every trial's validation accuracy agrees across all of them, and the medians' wall-time
# speed-up and energy ratio.
#
#   LIMIT=1000 REPS=2 benchmarks/spark/standalone.sh
#
# WORK (default runs/spark-standalone) keeps the searches and the cluster's logs; PORT (default 7177) the master's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cluster.sh"
WORK="${WORK:-$root/runs/spark-standalone}"
LIMIT="${LIMIT:-1000}"
REPS="${REPS:-2}"
PORT="${PORT:-7177}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$WORK"
rm -rf "$WORK"/local* "$WORK"/spark-[0-9]* "$WORK/spark"
trap cluster_stop EXIT
cluster_start "$WORK" "$PORT" 2
write_space "$WORK/space.json"
search() { # OUT [extra args]: one search, its wall seconds on stdout
  local out="$1"; shift
  local t0; t0=$(date +%s.%N)
  greendl_search "$out" --space "$WORK/space.json" --method sh --limit "$LIMIT" --seed 1 "$@"
  "$PYTHON" -c "import sys; print(float(sys.argv[1]) - float(sys.argv[2]))" "$(date +%s.%N)" "$t0"
}
times=()
for r in $(seq "$REPS"); do
  times+=("$(search "$WORK/local-$r")")
  times+=("$(search "$WORK/spark-$r" --engine spark --master "spark://127.0.0.1:$PORT")")
done
"$PYTHON" - "$WORK" "$here" "${times[@]}" <<'PY'
import json, statistics, sys
work, here, t = sys.argv[1], sys.argv[2], [float(x) for x in sys.argv[3:]]
sys.path.insert(0, here)
import packing
reps = len(t) // 2
acc = lambda s: {(json.dumps(x["config"], sort_keys=True), x["epochs"]): x["metrics"]["validation_accuracy"] for x in s["trials"]}
rows, ref = [], None
same = True
for r in range(1, reps + 1):
    for i, (name, m) in enumerate((("local, 1 thread", "local"), ("standalone, 2 x 1-core executors", "spark"))):
        s = json.load(open(f"{work}/{m}-{r}/search.json"))
        ref = ref or acc(s)
        same = same and acc(s) == ref
        rows.append((name, r, s, t[2 * (r - 1) + i]))
print("| search | round | trials | best config | best validation | wall s | energy Wh |")
print("| --- | ---: | ---: | --- | ---: | ---: | ---: |")
for name, r, s, w in rows:
    print(f"| {name} | {r} | {len(s['trials'])} | {s['best']['config']} | {s['best']['metrics']['validation_accuracy']:.4f} | {w:.1f} | {s['total_energy_kwh'] * 1000:.4f} |")
med = lambda k, f: statistics.median(f(s, w) for name, r, s, w in rows if name.startswith(k))
lw, sw = med("local", lambda s, w: w), med("standalone", lambda s, w: w)
le, se = med("local", lambda s, w: s["total_energy_kwh"]), med("standalone", lambda s, w: s["total_energy_kwh"])
print(f"\nsame per-trial validation accuracies in all {len(rows)} searches: {same}")
print(f"medians: local {lw:.1f} s, {le * 1000:.4f} Wh; cluster {sw:.1f} s, {se * 1000:.4f} Wh; "
      f"speed-up {lw / sw:.2f}x; energy cluster/local {se / le:.3f}")
last = rows[-1][2]
print("hosts (last cluster search):", json.dumps(last.get("energy_per_host")))
# Where the time went, per round: the local trials' own time and the best packing of it on 2 slots (packing.py),
# against the cluster's: its trials' span (first start to last end, spark-tasks.jsonl) and their own time. The
# ceiling holds what lies outside the local trials (start, the best's test evaluation, per-trial set-up) serial.
print("\n| round | local wall s | local trials s | outside trials s | best 2-slot makespan s | ceiling (whole command) "
      "| cluster wall s | cluster trial span s | cluster trials s | cluster trials / local trials |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in range(1, reps + 1):
    lw, cw = t[2 * (r - 1)], t[2 * (r - 1) + 1]
    _, own = packing.own_times(f"{work}/local-{r}")
    serial = sum(x for _, _, x in own)
    best = sum(packing.best_two([x for e, _, x in own if e == rung]) for rung in {e for e, _, _ in own})
    ct = [json.loads(l) for l in open(f"{work}/spark-{r}/spark-tasks.jsonl")]
    span = (max(x["end_ms"] for x in ct) - min(x["start_ms"] for x in ct)) / 1000
    # The same measure as the local trials' (their run records' own time), so the two compare.
    _, cown = packing.own_times(f"{work}/spark-{r}")
    busy = sum(x for _, _, x in cown)
    print(f"| {r} | {lw:.1f} | {serial:.1f} | {lw - serial:.1f} | {best:.1f} | {lw / (lw - serial + best):.2f}x | "
          f"{cw:.1f} | {span:.1f} | {busy:.1f} | {busy / serial:.2f} |")
tasks = [json.loads(l) for l in open(f"{work}/spark-{reps}/spark-tasks.jsonl")]
print("trial workers (last cluster search):", len({x.get("worker_pid") for x in tasks}), "for", len(tasks), "trials;",
      "executors:", sorted({x.get("executor") for x in tasks}))
PY
