#!/usr/bin/env bash
# Network check: runs track, train, bench --quick, serve-bench --seconds 15, infer and export under
# strace -f -e trace=connect,sendto,sendmsg with the data present, and prints per command the connect() calls to
# non-local addresses and the DNS lookups (calls to port 53 or to systemd-resolved's socket). ONNX Runtime's
# telemetry, when on, looks up its collector about 9 s after it loads, hence serve-bench's 15 s; it also writes a
# device id under $XDG_CACHE_HOME/Microsoft at once, which is checked too. Expected: 0 everywhere.
# Usage: benchmarks/network-check/run.sh [DATA_DIR (default /usr/share/datasets/fashion-mnist)]
# Takes several minutes (bench --quick trains); run it niced on a shared machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
command -v strace >/dev/null || { echo "network-check: strace is not installed (apt-get install strace)" >&2; exit 1; }
[[ -d "$data" ]] || { echo "network-check: no dataset at $data" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"
"$root/greendl" --version >/dev/null # builds the jar first, outside the trace

failures=0
check() {
  local name="$1"; shift
  local log="$work/$name.strace"
  local start=$SECONDS
  if ! strace -f -qq -e trace=connect,sendto,sendmsg -o "$log" "$root/greendl" "$@" >"$work/$name.out" 2>&1; then
    echo "$name: FAILED (exit status), last lines:"; tail -3 "$work/$name.out"; failures=$((failures + 1)); return
  fi
  local dns remote
  dns=$(grep -E 'connect\(|sendto\(|sendmsg\(' "$log" | grep -cE 'htons\(53\)|AF_UNIX.*resolve' || true)
  remote=$(grep 'connect(' "$log" | grep -E 'sa_family=AF_INET6?,' | grep -v 'htons(53)' \
    | grep -cvE 'inet_addr\("(127\.|0\.0\.0\.0")|inet_pton\(AF_INET6, "(::1|::|::ffff:127\.[0-9.]+)"' || true)
  printf '%-12s %3d connect() to non-local addresses, %3d DNS lookups  (%d s)\n' "$name" "$remote" "$dns" \
    $((SECONDS - start))
  if [[ "$remote" != 0 || "$dns" != 0 ]]; then
    failures=$((failures + 1))
    grep -E 'connect\(|sendto\(|sendmsg\(' "$log" | grep -E 'AF_INET|htons\(53\)|resolve' | head -3 | sed 's/^/    /'
  fi
}

echo "== network check: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), data $data"
check track track --out "$work/track" -- sleep 2
check train train --model mlp --epochs 1 --limit 2000 --data "$data" --out "$work/train" --progress none
check export export "$work/train" --out "$work/onnx/model.onnx" --data "$data" --parity 256
check infer infer "$work/onnx/model.onnx" --dataset fashion-mnist --data "$data" --limit 2000
check serve-bench serve-bench "$work/onnx/model.onnx" --seconds 15 --batch 1
check bench bench --quick --data "$data" --out "$work/bench"
if [[ -e "$XDG_CACHE_HOME/Microsoft" ]]; then
  echo "ONNX Runtime telemetry wrote $(find "$XDG_CACHE_HOME/Microsoft" -type f | wc -l) file(s) under \$XDG_CACHE_HOME/Microsoft"
  failures=$((failures + 1))
else
  echo "ONNX Runtime telemetry: no device id or event store written"
fi
echo "== $failures command(s) with network use or failure"
[[ "$failures" == 0 ]]
