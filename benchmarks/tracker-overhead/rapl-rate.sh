#!/usr/bin/env bash
# Accuracy on a fake powercap tree: a loop advances intel-rapl:0/energy_uj at WATTS (default 40 W) while
# `greendl track -- sleep SECONDS` runs with GREENDL_POWERCAP_ROOT pointing at it; prints the reported
# cpu_power and its ratio to the true rate (target: within 2 %).
# Usage: benchmarks/tracker-overhead/rapl-rate.sh [WATTS] [SECONDS] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
watts="${1:-40}"; seconds="${2:-10}"; runs="${3:-3}"
tree="$(mktemp -d)"
trap 'kill "${writer:-0}" 2>/dev/null || true; rm -rf "$tree"' EXIT
zone="$tree/powercap/intel-rapl:0"; mkdir -p "$zone"
echo package-0 > "$zone/name"; echo 262143328850 > "$zone/max_energy_range_uj"; echo 0 > "$zone/energy_uj"
(
  t0="${EPOCHREALTIME/./}"
  while :; do
    now="${EPOCHREALTIME/./}"   # microseconds; 1 W = 1 uJ per us
    echo $(( (now - t0) * watts )) > "$zone/energy_uj.tmp" && mv -f "$zone/energy_uj.tmp" "$zone/energy_uj"
    sleep 0.005
  done
) &
writer=$!
"$root/greendl" doctor >/dev/null  # builds the jar if needed, outside the timed runs
for r in $(seq "$runs"); do
  out="$tree/out$r"
  GREENDL_POWERCAP_ROOT="$tree/powercap" "$root/greendl" track --interval 0.5 --out "$out" -- sleep "$seconds" 2>/dev/null
  python3 - "$out/emissions.csv" "$watts" <<'PY'
import csv, sys
row = next(csv.DictReader(open(sys.argv[1])))
w = float(sys.argv[2]); p = float(row["cpu_power"])
print(f"run: cpu_energy_source={row['cpu_energy_source']} cpu_power={p:.3f} W true={w:g} W ratio={p / w:.4f} duration={float(row['duration']):.2f} s")
PY
done
