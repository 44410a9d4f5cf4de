#!/usr/bin/env bash
# What a greendl search on Spark does when a machine or the driver dies, on a standalone cluster on loopback
# (a master and two one-core workers in their own JVMs, started here from the build's jars): the issue-8
# successive halving (27 configurations, cnn, rungs of 1, 3 and 9 epochs, LIMIT training images, seed 1).
#
#   1. worker loss: once KILL_AFTER trials are journalled, the second worker's JVM is killed (kill -9; its
#      executor and trial workers go with it). The search must complete on the first worker, each trial the
#      lost executor held re-run once, and every trial's reading counted once.
#   2. driver loss: once KILL_AFTER trials are journalled, the driver is killed (kill -9); a rerun with the same
#      --out must finish the search without re-running a trial that had finished.
#
# Both are checked against REF (a search.json of the same search uninterrupted; default the standalone
# benchmark's local one, runs/spark-standalone/local-1): the same per-trial validation accuracies.
#
#   LIMIT=1000 KILL_AFTER=8 benchmarks/spark/failures.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/cluster.sh"
WORK="${WORK:-$root/runs/spark-failures}"
LIMIT="${LIMIT:-1000}"
PORT="${PORT:-7277}"
KILL_AFTER="${KILL_AFTER:-8}"
REF="${REF:-$root/runs/spark-standalone/local-1/search.json}"
PYTHON="${PYTHON:-python3}"
rm -rf "$WORK" && mkdir -p "$WORK"
trap cluster_stop EXIT
cluster_start "$WORK" "$PORT" 2
write_space "$WORK/space.json"
args=(--space "$WORK/space.json" --method sh --limit "$LIMIT" --seed 1 --engine spark --master "spark://127.0.0.1:$PORT")

journalled() { [[ -f "$1/trials.jsonl" ]] && wc -l < "$1/trials.jsonl" || echo 0; }
wait_for() { # OUT N PID: until OUT's journal has N trials (or PID ended)
  while [[ "$(journalled "$1")" -lt "$2" ]] && kill -0 "$3" 2>/dev/null; do sleep 0.5; done
}

echo "1. worker loss"
greendl_search "$WORK/worker-loss" "${args[@]}" &
driver=$!
wait_for "$WORK/worker-loss" "$KILL_AFTER" "$driver"
echo "   killing worker 2 (pid ${WORKER_PIDS[2]}) after $(journalled "$WORK/worker-loss") trials"
kill -9 "${WORKER_PIDS[2]}"
rc=0; wait "$driver" || rc=$?
echo "   the search exited $rc"

echo "2. driver loss"
cluster_worker 2
cluster_wait 3 # the restarted worker registers again
greendl_search "$WORK/driver-loss" "${args[@]}" &
driver=$!
wait_for "$WORK/driver-loss" "$KILL_AFTER" "$driver"
kill -9 "$(cat "$WORK/driver-loss.pid")"; wait "$driver" 2>/dev/null || true
cp "$WORK/driver-loss/trials.jsonl" "$WORK/driver-loss.journal-at-kill"
echo "   killed the driver after $(wc -l < "$WORK/driver-loss.journal-at-kill") trials; rerunning with the same --out"
sleep 5 # the master notices the driver is gone and frees the executors
rc2=0; greendl_search "$WORK/driver-loss" "${args[@]}" || rc2=$?
echo "   the rerun exited $rc2"

"$PYTHON" - "$WORK" "$REF" "$rc" "$rc2" <<'PY'
import collections, json, os, sys
work, ref_file, rc, rc2 = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lines = lambda f: [json.loads(l) for l in open(f) if l.strip()]
acc = lambda s: {(json.dumps(t["config"], sort_keys=True), t["epochs"]): t["metrics"]["validation_accuracy"] for t in s["trials"]}
ref = acc(json.load(open(ref_file))) if os.path.exists(ref_file) else None
ok = True
def check(name, cond):
    global ok
    ok = ok and cond
    print(f"   {'ok  ' if cond else 'FAIL'} {name}")

print("\n1. worker loss")
s = json.load(open(f"{work}/worker-loss/search.json"))
tasks = lines(f"{work}/worker-loss/spark-tasks.jsonl")
failed = s.get("failed_attempts", [])
lost = [f for f in failed if f["kind"] == "lost"]
check(f"the search completed (exit {rc}, {len(s['trials'])} trials, best {s['best']['config']})", rc == 0 and s.get("status") != "failed")
print(f"   unsuccessful attempts: {collections.Counter(f['kind'] for f in failed)}; lost: "
      + ", ".join(f"{f['trial']} on executor {f['executor']} ({f['reason'][:60]})" for f in lost))
by_key = collections.Counter(t["key"] for t in tasks)
check(f"each of {len(tasks)} trials read once (spark-tasks.jsonl keys unique)", max(by_key.values()) == 1)
lost_per_trial = collections.Counter(f["trial"] for f in lost)
attempt = {t["trial"]: t.get("attempt") for t in tasks}
check(f"{len(lost_per_trial)} lost trial(s) {sorted(lost_per_trial)}, each lost once and finished by its second "
      f"attempt: {sorted((k, attempt.get(k)) for k in lost_per_trial)}", len(lost_per_trial) > 0
      and all(n == 1 and attempt.get(k) == 1 for k, n in lost_per_trial.items()))
shares = sum(t.get("energy_share_kwh", 0) for t in s["trials"])
check(f"total {s['total_energy_kwh'] * 1000:.4f} Wh = the trials' shares {shares * 1000:.4f} Wh = their readings "
      f"{s['trials_energy_sum_kwh'] * 1000:.4f} Wh (lost attempts read nothing)",
      abs(shares - s["total_energy_kwh"]) < 1e-12 and abs(s["trials_energy_sum_kwh"] - s["total_energy_kwh"]) < 1e-12)
print("   executors that finished trials:", dict(collections.Counter(t.get("executor") for t in tasks)))
if ref:
    check(f"per-trial validation accuracies equal the uninterrupted search's ({len(ref)} trials)", acc(s) == ref)

print("\n2. driver loss")
s2 = json.load(open(f"{work}/driver-loss/search.json"))
at_kill = lines(f"{work}/driver-loss.journal-at-kill")
tasks2 = lines(f"{work}/driver-loss/spark-tasks.jsonl")
check(f"the rerun completed (exit {rc2}, {len(s2['trials'])} trials, best {s2['best']['config']})", rc2 == 0)
count = collections.Counter(t["key"] for t in tasks2)
done = [j for j in at_kill]
print(f"   journalled when the driver died: {len(done)}; tasks read in both runs: {len(tasks2)}")
# The journal names a trial by its run folder (run_dir), which is also its task's key.
finished_keys = {j.get("run_dir") or j.get("result", {}).get("run_dir") for j in done} - {None}
check(f"none of the {len(finished_keys)} finished trials ran again", finished_keys and all(count[k] == 1 for k in finished_keys))
if ref:
    check(f"per-trial validation accuracies equal the uninterrupted search's ({len(ref)} trials)", acc(s2) == ref)
print("\nall checks passed" if ok else "\nSOME CHECKS FAILED")
sys.exit(0 if ok else 1)
PY
