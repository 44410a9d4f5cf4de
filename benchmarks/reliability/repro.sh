#!/usr/bin/env bash
# Re-runs every reproduction listed under "Why" in issue 17 (the reliability pass: items 1-11, each sub-case of
# 10 and 11 as its own row) against the current build, and prints a markdown table on stdout:
#   | item | reproduction | outcome now | expected |
# "outcome now" is the exit code and the one line greendl printed (stderr's first line other than the CPU/RAM
# estimate notes), or the figure the item is about. Tiny inputs throughout (mlp, --limit 256, 1-2 epochs,
# synthetic IDX files, a fake powercap tree), everything under nice -n 10: a few minutes on two shared cores.
# Usage: benchmarks/reliability/repro.sh [DATA_DIR (default /usr/share/datasets/fashion-mnist)] > results.md
# Env: REPRO_WORK=DIR keeps the scratch files there (default: a new temp folder, removed at the end unless
# REPRO_KEEP=1). Needs python3, strace (item 1, 10n; rows say so when missing), mkfifo, and for the full-disk
# case of item 8 the right to mount a small tmpfs (skipped with a note otherwise).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-/usr/share/datasets/fashion-mnist}"
[[ -d "$data" ]] || { echo "repro: no dataset at $data" >&2; exit 1; }
w="${REPRO_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/greendl-repro.XXXXXX")}"
mkdir -p "$w"
w="$(cd "$w" && pwd)"
cleanup() {
  mountpoint -q "$w/full" 2>/dev/null && umount "$w/full"
  [[ -n "${REPRO_KEEP:-}" || -n "${REPRO_WORK:-}" ]] || rm -rf "$w"
}
trap cleanup EXIT
export XDG_CACHE_HOME="$w/xdg" # ONNX Runtime's telemetry would write its device id here (item 1)
mkdir -p "$w/cwd" "$XDG_CACHE_HOME"
cd "$w/cwd" # hs_err files would land here (item 7)

nice -n 10 "$root/greendl" --version >/dev/null 2>"$w/build.err" || { cat "$w/build.err" >&2; exit 1; }

# G [greendl args]: the jar through ./greendl, niced, with a time limit (T seconds, default 240).
G() { nice -n 10 timeout "${T:-240}" "$root/greendl" "$@"; }
# R NAME CMD...: runs CMD with stdout/stderr into $w/NAME.{out,err}; RC is its exit code.
R() {
  local name="$1"; shift
  "$@" >"$w/$name.out" 2>"$w/$name.err" </dev/null
  RC=$?
}
# line NAME: the one line printed: stderr's first line other than greendl's estimate notes, the "resuming"
# note and PyTorch's deprecation warning (stdout's last line when stderr has none), cut to 300 characters.
line() {
  local l
  l=$(grep -vE '^greendl: (CPU|RAM) energy is an estimate|^greendl: resuming |^\[W[0-9]+ .*Warning: AutoNonVariableTypeMode' \
      "$w/$1.err" | grep -v '^[[:space:]]*$' | head -1)
  [[ -n "$l" ]] || l=$(grep -v '^[[:space:]]*$' "$w/$1.out" | tail -1)
  l="${l//$w/\$W}"
  printf '%s' "${l:0:300}"
}
nlines() { wc -l <"$w/$1.err" | tr -d ' '; }
outcome() { printf 'exit %s: %s' "$RC" "$(line "$1")"; }
esc() { local s="${1//|/\\|}"; s="${s//$'\n'/ }"; printf '%s' "${s//$w/\$W}"; }
row() { printf '| %s | `%s` | %s | %s |\n' "$1" "$(esc "$2")" "$(esc "$3")" "$(esc "$4")"; }

small=(--model mlp --limit 256 --data "$data" --progress none)
al=(--model mlp --data "$data" --pool 300 --initial 64 --query 32 --rounds 1 --epochs 1 --test-limit 256)

echo "| item | reproduction (command or input) | outcome now (exit code + the line printed, or the figure) | expected |"
echo "| --- | --- | --- | --- |"

# Fixtures: a trained mlp (2 epochs, so a checkpoint exists) and its ONNX export.
R fix-train G train "${small[@]}" --epochs 2 --out "$w/m"
R fix-export G export "$w/m" --out "$w/m.onnx" --data "$data" --parity 256
if [[ ! -f "$w/m/run.json" || ! -f "$w/m.onnx" ]]; then
  echo "repro: fixtures failed: $(line fix-train) / $(line fix-export)" >&2
  exit 1
fi
clone() { rm -rf "$1"; cp -r "$w/m" "$1"; rm -f "$1/.greendl.lock"; }

# ---- 1. ONNX Runtime telemetry
if command -v strace >/dev/null; then
  R i1 nice -n 10 strace -f -qq -e trace=connect,sendto,sendmsg -o "$w/i1.strace" timeout 120 \
    "$root/greendl" serve-bench "$w/m.onnx" --seconds 15 --batch 1
  dns=$(grep -E 'connect\(|sendto\(|sendmsg\(' "$w/i1.strace" | grep -cE 'htons\(53\)|AF_UNIX.*resolve')
  remote=$(grep 'connect(' "$w/i1.strace" | grep -E 'sa_family=AF_INET6?,' | grep -v 'htons(53)' \
    | grep -cvE 'inet_addr\("(127\.|0\.0\.0\.0")|inet_pton\(AF_INET6, "(::1|::|::ffff:127\.[0-9.]+)"')
  msfiles=$(find "$XDG_CACHE_HOME" -path '*Microsoft*' -type f 2>/dev/null | wc -l)
  row 1 "strace -f -e trace=connect,sendto,sendmsg greendl serve-bench m.onnx --seconds 15 --batch 1" \
    "exit $RC: $remote connect() to non-local addresses, $dns DNS lookups, $msfiles ORT telemetry files under \$XDG_CACHE_HOME/Microsoft" \
    "0 connects, 0 lookups, no telemetry files (all commands: benchmarks/network-check/run.sh)"
else
  row 1 "strace ... serve-bench --seconds 15" "not run: strace is not installed" "0 connects, 0 DNS lookups"
fi

# ---- 2. Search energy budget inside a trial
echo '{"model":"mlp","max_epochs":1000000000,"params":{"lr":[0.001]}}' >"$w/space-big-epochs.json"
R i2 G search --space "$w/space-big-epochs.json" --method grid --max-energy-wh 0.005 --limit 256 --data "$data" \
  --out "$w/s2"
fig=$(python3 - "$w/s2/search.json" <<'EOF' 2>&1
import json, sys
s = json.load(open(sys.argv[1]))
t = s["trials"][-1]
wh = s["total_energy_kwh"] * 1000
print(f"{wh:.5f} Wh spent against 0.005 Wh ({(wh / 0.005 - 1) * 100:+.1f} %), last trial {t['epochs']} epochs, "
      f"stop_reason {t['stop_reason']}")
EOF
)
row 2 "search --space {max_epochs: 1e9, lr: [0.001]} --method grid --max-energy-wh 0.005 --limit 256 (mlp)" \
  "exit $RC: $fig" "stops inside the trial within about one batch of the budget, stop_reason energy-budget"

# ---- 3. A new active-learn run keeps the user's files in OUT/learner/
mkdir -p "$w/al3/learner/mine"
echo "my notes" >"$w/al3/learner/notes.txt"; echo x >"$w/al3/learner/mine/x.txt"
echo stale >"$w/al3/learner/learner-1.params"
R i3 G active-learn "${al[@]}" --labels simulate --out "$w/al3"
kept=0; for f in notes.txt mine/x.txt; do [[ -f "$w/al3/learner/$f" ]] && kept=$((kept + 1)); done
if [[ ! -e "$w/al3/learner/learner-1.params" ]]; then stale=removed
elif grep -q stale "$w/al3/learner/learner-1.params"; then stale="still there"
else stale="replaced by this run's"; fi
row 3 "OUT/learner/{notes.txt, mine/x.txt, learner-1.params (stale)}; active-learn --labels simulate --out OUT (new run)" \
  "exit $RC: $kept of 2 user files kept; the stale learner-1.params $stale" \
  "exit 0, both user files kept; only greendl's learner-N.params removed"

# ---- 4. One lock per output folder
T=300 G train "${small[@]}" --epochs 100 --out "$w/lock" >"$w/i4a.out" 2>"$w/i4a.err" &
first=$!
for _ in $(seq 1 300); do [[ -s "$w/lock/.greendl.lock" ]] && break; sleep 0.2; done
R i4 G train "${small[@]}" --epochs 1 --out "$w/lock"
second=$RC; msg=$(line i4)
wait "$first"; RC1=$?
row 4 "train --epochs 100 --out DIR & (once DIR/.greendl.lock is held) train --epochs 1 --out DIR" \
  "second: exit $second: $msg; first: exit $RC1" "the second exits 1 naming the holder; the first finishes (exit 0)"

# ---- 5. RAPL plausibility (a fake powercap tree; a background writer changes the counter after 1.5 s)
rapl_case() { # name, max_energy_range_uj, first value, second value
  local pc="$w/$1-pc"
  mkdir -p "$pc/intel-rapl:0"
  echo package-0 >"$pc/intel-rapl:0/name"
  echo "$2" >"$pc/intel-rapl:0/max_energy_range_uj"
  echo "$3" >"$pc/intel-rapl:0/energy_uj"
  (sleep 1.5; echo "$4" >"$pc/intel-rapl:0/e.tmp" && mv "$pc/intel-rapl:0/e.tmp" "$pc/intel-rapl:0/energy_uj") &
  local writer=$!
  GREENDL_POWERCAP_ROOT="$pc" R "$1" G track --out "$w/$1" -- sleep 3
  wait "$writer"
  FIG=$(python3 - "$w/$1/emissions.csv" <<'EOF' 2>&1
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))[-1]
print(f"cpu {float(r['cpu_energy']):.3g} kWh ({r['cpu_energy_source']}), cpu_power {float(r['cpu_power']):.3g} W, "
      f"status {r['status']}")
EOF
)
}
rapl_case i5a 262143328850 100000000000 50000000000
row 5a "fake intel-rapl:0, range 262143328850 uJ, energy_uj 1e11 then 5e10 (goes back); track -- sleep 3" \
  "exit $RC: $(line i5a); $FIG" "said once, interval estimated, source rapl+estimate, no kWh figure from a false wrap"
rapl_case i5b 0 100000000000 50000000000
row 5b "as 5a with max_energy_range_uj = 0" "exit $RC: $(line i5b); $FIG" \
  "said once, interval estimated, energy >= 0, source rapl+estimate"
rapl_case i5c 262143328850 100000000000 9223372036854775000
row 5c "as 5a, energy_uj 1e11 then 9223372036854775000 (near 2^63)" "exit $RC: $(line i5c); $FIG" \
  "said once (above the range / beyond 5 kW), interval estimated, energy >= 0, source rapl+estimate"

# ---- 6. Bounded memory and no blocking on small inputs
mkdir -p "$w/idx-huge"
python3 - "$w/idx-huge/train-images-idx3-ubyte" <<'EOF'
import struct, sys
with open(sys.argv[1], "wb") as f:   # 2,700,000 x 28 x 28 = 2.1 GB declared, 4.5 KB present
    f.write(struct.pack(">IIII", 0x803, 2_700_000, 28, 28) + bytes(4500 - 16))
EOF
for f in train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do ln -s "$data/$f.gz" "$w/idx-huge/$f.gz"; done
GREENDL_JAVA_OPTS=-Xmx1g R i6a G train --model mlp --epochs 1 --limit 256 --data "$w/idx-huge" --out "$w/t6a" --progress none
row 6a "GREENDL_JAVA_OPTS=-Xmx1g train --model mlp --data DIR (train-images-idx3-ubyte: header 2,700,000x28x28 = 2.1 GB, file 4.5 KB)" \
  "$(outcome i6a) ($(nlines i6a) lines on stderr)" "exit 1, one line naming the file, no OutOfMemoryError"
python3 - "$w/space-1e10.json" <<'EOF'
import json, sys
json.dump({"model": "mlp", "max_epochs": 1,
           "params": {f"p{i}": list(range(10)) for i in range(10)}}, open(sys.argv[1], "w"))
EOF
GREENDL_JAVA_OPTS=-Xmx1g R i6b G search --space "$w/space-1e10.json" --method grid --limit 256 --data "$data" --out "$w/s6b"
row 6b "search --space (10 parameters x 10 values = 1e10 points) --method grid" "$(outcome i6b)" \
  "one line naming the file (too many configurations), at once, nothing enumerated"
GREENDL_POWERCAP_ROOT=/dev/zero T=20 R i6c1 G track --out "$w/t6c" -- true
row 6c "GREENDL_POWERCAP_ROOT=/dev/zero timeout 20 greendl track -- true" "$(outcome i6c1)" \
  "exit 0 with the estimate (no OOM, no hang)"
GREENDL_POWERCAP_ROOT=/dev/zero T=20 R i6c2 G doctor
row 6c "GREENDL_POWERCAP_ROOT=/dev/zero timeout 20 greendl doctor" "exit $RC: $(grep -m1 'cpu  rapl' "$w/i6c2.out")" \
  "exit 0, rapl unavailable with a reason"
mkdir -p "$w/pc-zero/intel-rapl:0"
echo package-0 >"$w/pc-zero/intel-rapl:0/name"; echo 262143328850 >"$w/pc-zero/intel-rapl:0/max_energy_range_uj"
ln -s /dev/zero "$w/pc-zero/intel-rapl:0/energy_uj"
GREENDL_POWERCAP_ROOT="$w/pc-zero" T=20 R i6c3 G doctor
row 6c "tree whose intel-rapl:0/energy_uj is a link to /dev/zero; timeout 20 greendl doctor" \
  "exit $RC: $(grep -m1 'cpu  rapl' "$w/i6c3.out")" "exit 0, rapl unavailable with a reason"
mkfifo "$w/fifo"
GREENDL_POWERCAP_ROOT="$w/fifo" T=20 R i6d1 G track --out "$w/t6d" -- true
row 6d "GREENDL_POWERCAP_ROOT=FIFO timeout 20 greendl track -- true" "$(outcome i6d1)" "exit 0 (not 124: no hang)"
GREENDL_POWERCAP_ROOT="$w/fifo" T=20 R i6d2 G doctor
row 6d "GREENDL_POWERCAP_ROOT=FIFO timeout 20 greendl doctor" "exit $RC: $(grep -m1 'cpu  rapl' "$w/i6d2.out")" \
  "exit 0 (not 124), rapl unavailable"
mkdir -p "$w/pc-fifo/intel-rapl:0"
echo package-0 >"$w/pc-fifo/intel-rapl:0/name"; echo 262143328850 >"$w/pc-fifo/intel-rapl:0/max_energy_range_uj"
mkfifo "$w/pc-fifo/intel-rapl:0/energy_uj"
GREENDL_POWERCAP_ROOT="$w/pc-fifo" T=20 R i6d3 G track --out "$w/t6d3" -- true
row 6d "tree whose intel-rapl:0/energy_uj is a FIFO; timeout 20 greendl track -- true" "$(outcome i6d3)" \
  "exit 0 (not 124)"
GREENDL_POWERCAP_ROOT="$w/pc-fifo" T=20 R i6d4 G doctor
row 6d "tree whose intel-rapl:0/energy_uj is a FIFO; timeout 20 greendl doctor" \
  "exit $RC: $(grep -m1 'cpu  rapl' "$w/i6d4.out")" "exit 0 (not 124), rapl unavailable with a reason"
R i6e G train "${small[@]}" --epochs 1 --threads 100000 --out "$w/t6e"
row 6e "train --model mlp --threads 100000" "$(outcome i6e)" "exit 2, one line, no threads started"

# ---- 7. A damaged cached native library (a copy of DJL's PyTorch cache; the real one is never touched)
real_cache="${DJL_CACHE_DIR:-$HOME/.djl.ai}/pytorch"
lib_dir=$(find "$real_cache" -mindepth 1 -maxdepth 1 -type d -name '*-cpu-*' 2>/dev/null | head -1)
if [[ -n "$lib_dir" && -f "$lib_dir/libtorch_cpu.so" ]]; then
  mkdir -p "$w/djl/pytorch"
  cp -r "$lib_dir" "$w/djl/pytorch/"
  copy="$w/djl/pytorch/$(basename "$lib_dir")/libtorch_cpu.so"
  size=$(stat -c %s "$copy")
  truncate -s 1048576 "$copy"
  mkdir -p "$w/cwd7"
  cd "$w/cwd7"
  ENGINE_CACHE_DIR="$w/djl" R i7 G train "${small[@]}" --epochs 1 --out "$w/t7"
  cd "$w/cwd"
  now=$(stat -c %s "$copy" 2>/dev/null || echo missing)
  hs=$(find "$w/cwd7" "$w/cwd" -name 'hs_err*' | wc -l)
  row 7 "copy of ~/.djl.ai/pytorch/$(basename "$lib_dir") with libtorch_cpu.so truncated to 1 MiB; ENGINE_CACHE_DIR=COPY train --epochs 1 (mlp)" \
    "exit $RC: $(line i7) ($(grep -c 'damaged' "$w/i7.err") such line; libtorch_cpu.so now $now bytes, was $size; $hs hs_err files)" \
    "one line, re-extracted, exit 0, no hs_err file"
  rm -rf "$w/djl"
else
  row 7 "truncated libtorch_cpu.so in a copy of DJL's cache" "not run: no PyTorch cache under $real_cache" "-"
fi

# ONNX Runtime's own copy (GREENDL_HOME/native/onnxruntime-*/): extracted by a first run, then truncated.
mkdir -p "$w/gh" "$w/cwd7b"
cd "$w/cwd7b"
GREENDL_HOME="$w/gh" R i7b0 G infer "$w/m.onnx" --dataset fashion-mnist --data "$data" --limit 256
ort=$(find "$w/gh/native" -name libonnxruntime.so | head -1)
if [[ -n "$ort" ]]; then
  size=$(stat -c %s "$ort")
  truncate -s 65536 "$ort"
  GREENDL_HOME="$w/gh" R i7b G infer "$w/m.onnx" --dataset fashion-mnist --data "$data" --limit 256
  hs=$(find "$w/cwd7b" -name 'hs_err*' | wc -l)
  row 7 "GREENDL_HOME=H infer m.onnx (extracts ORT); truncate H/native/onnxruntime-*/*/libonnxruntime.so to 64 KiB; infer again" \
    "exit $RC: $(tail -1 "$w/i7b.out" | cut -c1-120) (libonnxruntime.so now $(stat -c %s "$ort") bytes, was $size; $hs hs_err files)" \
    "exit 0, the copy extracted again, no hs_err file"
else
  row 7 "truncated ONNX Runtime copy" "not run: the first infer extracted nothing under GREENDL_HOME ($(outcome i7b0))" "-"
fi
cd "$w/cwd"

# ---- 8. No temp files left behind by the ONNX writer
mkdir -p "$w/exp8/existing-folder"
R i8 G export "$w/m" --out "$w/exp8/existing-folder" --parity 0
tmps=$(find "$w/exp8" -name '*.tmp*' | wc -l)
row 8 "export MODEL_DIR --out EXISTING_FOLDER --parity 0" "$(outcome i8); $tmps *.tmp files in or beside the folder" \
  "a clean failure or a file in the folder; 0 temp files"
mkdir -p "$w/full"
if mount -t tmpfs -o size=64k tmpfs "$w/full" 2>/dev/null; then
  R i8b G export "$w/m" --out "$w/full/m.onnx" --parity 0
  tmps=$(find "$w/full" -name '*.tmp*' | wc -l); left=$(du -sk "$w/full" | cut -f1)
  umount "$w/full"
  row 8 "export MODEL_DIR --out FULL/m.onnx --parity 0 (FULL: a 64 KiB tmpfs)" \
    "$(outcome i8b); $tmps temp files, ${left} KiB used" "exit 1, one line, 0 temp files"
else
  row 8 "export onto a full disk" "not run: cannot mount a small tmpfs here" "exit 1, 0 temp files"
fi

# ---- 9. A torn trials.jsonl
echo '{"model":"mlp","max_epochs":1,"params":{"lr":[0.001,0.002,0.003]}}' >"$w/space3.json"
search9() { R "$1" G search --space "$w/space3.json" --method grid --limit 256 --data "$data" --out "$w/s9"; }
stamps() { for f in "$w"/s9/trials/*/run.json; do stat -c '%.9Y' "$f"; done; }
search9 i9a; rc_a=$RC
python3 - "$w/s9/trials.jsonl" <<'EOF'
import sys
p = sys.argv[1]; b = open(p, "rb").read(); last = b.rstrip(b"\n").split(b"\n")[-1]
open(p, "wb").write(b[: len(b.rstrip(b"\n")) - len(last)] + last[: len(last) // 2])   # cut the last record in half
EOF
before=$(stamps); search9 i9b; rc_b=$RC; mid=$(stamps); search9 i9c; rc_c=$RC; after=$(stamps)
changed() { diff <(echo "$1") <(echo "$2") | grep -c '^>'; }
ran1=$(changed "$before" "$mid"); ran2=$(changed "$mid" "$after")
records=$(python3 -c "import json,sys;print(sum(1 for l in open(sys.argv[1]) if l.strip() and json.loads(l)))" "$w/s9/trials.jsonl" 2>&1)
row 9 "search (grid, 3 trials) ; cut the last line of trials.jsonl in half ; resume ; resume again" \
  "exits $rc_a/$rc_b/$rc_c; trials trained again: $ran1 at the first resume, $ran2 at the second; $records readable records" \
  "1 rerun at the first resume, 0 at the second; 3 records"

# ---- 10. Smaller defects
rm -rf "$w/b10"; mkdir -p "$w/b10/variants/baseline"
for v in onnx-fp32 low-rank baseline-continued; do echo x >"$w/b10/variants/$v"; done
R i10a G bench --baseline "$w/m" --techniques onnx-fp32,low-rank --quick --limit 256 --epochs 1 --data "$data" --out "$w/b10"
row 10a "bench --baseline MLP --techniques onnx-fp32,low-rank --quick --out B (B/variants/{onnx-fp32,low-rank,baseline-continued} are files, so each variant fails)" \
  "exit $RC: $(grep '^greendl:' "$w/i10a.err" | grep -v estimate | tail -1)" \
  "exit 1 naming the failed variants"
R i10b G train "${small[@]}" --epochs 1 --validation-fraction 0 --out "$w/t10b"
row 10b "train --model mlp --epochs 1 --limit 256 --validation-fraction 0" \
  "exit $RC: $(tail -1 "$w/i10b.out")" "exit 0, written"
R i10c G serve-bench "$w/m.onnx" --seconds NaN
row 10c "serve-bench m.onnx --seconds NaN" "$(outcome i10c)" "exit 2, one line naming --seconds"
space() { echo "$2" >"$w/$1.json"; R "$1" G search --space "$w/$1.json" --method grid --limit 256 --data "$data" --out "$w/$1-out"; }
space i10d '{"model":"mlp","max_epochs":1,"params":{"batch":[3567587328]}}'
row 10d 'space {"batch": [3567587328]}' "$(outcome i10d)" "one line naming 3567587328 (not -727379968), before any trial"
space i10e '{"model":"mlp","max_epochs":1,"params":{"weight_decay":[-10]}}'
row 10e 'space {"weight_decay": [-10]}' "$(outcome i10e)" "one line, refused before any trial"
space i10f '{"model":"mlp","max_epochs":1,"params":{"lr":[1e308]}}'
row 10f 'space {"lr": [1e308]}' "$(outcome i10f)" "one line, refused before any trial"
R i10f2 G train "${small[@]}" --epochs 1 --lr 1e308 --out "$w/t10f"
row 10f "train --model mlp --lr 1e308" "$(outcome i10f2)" "exit 2, one line"
space i10g '{"model":"mlp","max_epochs":1,"params":{"batch":[2.5]}}'
row 10g 'space {"batch": [2.5]}' "$(outcome i10g)" "one line, refused before any trial"
R i10h G search --space "$w/space3.json" --method random --samples -1 --limit 256 --data "$data" --out "$w/s10h"
row 10h "search --method random --samples -1" "$(outcome i10h)" "exit 2, one line"
R i10i G active-learn --model mlp --data "$data" --pool -5 --initial 64 --query 32 --rounds 1 --epochs 1 \
  --test-limit 256 --out "$w/al10i"
row 10i "active-learn --pool -5" "$(outcome i10i)" "exit 2, one line"
clone "$w/r10j"
printf '{"schema": 1, "epoch": 2, "path": "../elsewhere"}' >"$w/r10j/checkpoint.json"
mkdir -p "$w/elsewhere"; cp -r "$w/m/checkpoints/epoch-0002/." "$w/elsewhere/"
R i10j G train "${small[@]}" --resume "$w/r10j" --epochs 3
row 10j 'checkpoint.json {"path": "../elsewhere"} (a valid checkpoint there); train --resume RUN --epochs 3' \
  "$(outcome i10j)" "exit 1, one line naming checkpoint.json \"path\""
clone "$w/r10k"
printf '{"schema": 1, "epoch": 2, "path": "%s"}' "$w/elsewhere" >"$w/r10k/checkpoint.json"
R i10k G train "${small[@]}" --resume "$w/r10k" --epochs 3
row 10k 'checkpoint.json {"path": "/absolute/elsewhere"}; train --resume RUN --epochs 3' "$(outcome i10k)" \
  "exit 1, one line naming checkpoint.json \"path\""
clone "$w/r10l"
python3 - "$w/r10l/checkpoints/epoch-0002/state.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1])); s["epoch"] = -6; json.dump(s, open(sys.argv[1], "w"))
EOF
R i10l G train "${small[@]}" --resume "$w/r10l" --epochs 2
row 10l 'checkpoints/epoch-0002/state.json "epoch": -6; train --resume RUN --epochs 2' "$(outcome i10l)" \
  "exit 1 naming state.json and -6 (never trains 8 epochs)"
mkdir -p "$w/t10m"; printf 'timestamp,\xff\xfe\xfa broken\n' >"$w/t10m/emissions.csv"
R i10m G track --out "$w/t10m" -- true
row 10m "OUT/emissions.csv not UTF-8 (bytes ff fe fa); track --out OUT -- true" \
  "exit $RC: $(grep -m1 -i 'emissions' "$w/i10m.err" | sed "s|$w|\$W|g"); files: $(cd "$w/t10m" && ls | tr '\n' ' ')" \
  "exit 0, the old file left alone, the run written to a new file"
if command -v strace >/dev/null; then
  R i10n nice -n 10 strace -f -qq -e trace=rename,renameat,renameat2 -o "$w/i10n.strace" timeout 240 \
    "$root/greendl" active-learn "${al[@]}" --labels simulate --warm-start --out "$w/al10n"
  renames=$(grep -cE 'learner-[0-9]+\.params"' "$w/i10n.strace")
  row 10n "strace -e trace=rename,renameat,renameat2 greendl active-learn --warm-start --rounds 1 (mlp)" \
    "exit $RC: $renames atomic renames onto learner-N.params; files now: $(cd "$w/al10n/learner" 2>/dev/null && ls | tr '\n' ' ')" \
    "each learner file replaced by a rename (written through the atomic writer)"
else
  row 10n "active-learn --warm-start under strace" "not run: strace is not installed" "renames"
fi

# ---- 11. Messages
clone "$w/r11a"
python3 - "$w/r11a/run.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1])); r.pop("model", None); json.dump(r, open(sys.argv[1], "w"))
EOF
R i11a G evaluate "$w/r11a"
row 11a 'run.json without "model"; evaluate RUN' "$(outcome i11a)" "exit 1, one line naming run.json (no NPE)"
mkdir -p "$w/home/.greendl"; printf 'country=\\u00zz\n' >"$w/home/.greendl/config.properties"
GREENDL_JAVA_OPTS="-Duser.home=$w/home" R i11b G carbon
row 11b '~/.greendl/config.properties: country=\u00zz; carbon' "$(outcome i11b)" "one line naming the config file"
clone "$w/r11c"; printf '{"model": "\xff\xfe"}' >"$w/r11c/run.json"
R i11c G evaluate "$w/r11c"
row 11c "run.json not UTF-8 (ff fe); evaluate RUN" "$(outcome i11c)" "exit 1, names run.json, no 'Input length = 1'"
# A pending label query for the label-file cases.
R fix-al G active-learn "${al[@]}" --labels file --strategy entropy --seed 3 --out "$w/al11"
queries="$w/al11/queries/round-00/queries.csv"
ids=($(tail -n +2 "$queries" | cut -d, -f1))
import_labels() { R "$1" G active-learn "${al[@]}" --labels file --strategy entropy --seed 3 --out "$w/al11" --import-labels "$2"; }
printf 'id,label\n%s,\xff\xfe\n' "${ids[0]}" >"$w/labels-latin.csv"
import_labels i11c2 "$w/labels-latin.csv"
row 11c "labels CSV not UTF-8; active-learn --labels file --import-labels CSV" "$(outcome i11c2)" \
  "one line naming the CSV, no 'Input length = 1'"
: >"$w/space-empty.json"
R i11d G search --space "$w/space-empty.json" --limit 256 --data "$data" --out "$w/s11d"
row 11d "empty space.json; search --space it" "$(outcome i11d)" "one line naming the file, no 'No content to map'"
mkdir -p "$w/idx-gz"
head -c 3000 "$data/train-images-idx3-ubyte.gz" >"$w/idx-gz/train-images-idx3-ubyte.gz"
for f in train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do ln -s "$data/$f.gz" "$w/idx-gz/$f.gz"; done
R i11e G train --model mlp --epochs 1 --limit 256 --data "$w/idx-gz" --out "$w/t11e" --progress none
row 11e "train-images-idx3-ubyte.gz cut to 3,000 bytes; train --data DIR" "$(outcome i11e)" \
  "exit 1, one line naming the file, no '(null)'"
printf 'id,label\nabc,0\n' >"$w/labels-abc.csv"
import_labels i11f "$w/labels-abc.csv"
row 11f "labels CSV row 'abc,0'; --import-labels CSV" "$(outcome i11f)" "names the file and line, no 'For input string'"
GREENDL_CPU_TDP=abc R i11f2 G track --out "$w/t11f" -- true
row 11f "GREENDL_CPU_TDP=abc track -- true" "$(outcome i11f2)" "one line naming the variable, no 'For input string'"
python3 - "$w/labels-huge.csv" "${ids[0]}" <<'EOF'
import sys
open(sys.argv[1], "w").write("id,label\n" + sys.argv[2] + "," + "x" * (64 << 20) + "\n")
EOF
import_labels i11g "$w/labels-huge.csv"
row 11g "labels CSV with a 64 MB label cell; --import-labels CSV" \
  "exit $RC: $(wc -c <"$w/i11g.err" | tr -d ' ') bytes on stderr: $(line i11g | cut -c1-160)..." \
  "one short line (the cell cut), not 64 MB"
R i11h G infer "$w/m.onnx" --dataset fashion-mnist --data "$data" --limit 256; rc_infer=$RC
R i11h2 G export "$w/m" --out "$w/m8.onnx" --int8 --data "$data" --parity 64 --calibration-size 64
escs=$(cat "$w/i11h.err" "$w/i11h2.err" "$w/i1.err" "$w/fix-export.err" 2>/dev/null | grep -c $'\x1b')
ortlines=$(cat "$w/i11h.err" "$w/i11h2.err" "$w/i1.err" "$w/fix-export.err" 2>/dev/null | grep -c ':onnxruntime:')
row 11h "stderr of export, export --int8, infer and serve-bench" \
  "infer exit $rc_infer, export --int8 exit $RC: $escs lines with ANSI colour codes, $ortlines ONNX Runtime log lines" "0 and 0"
R i11i G train --model mlp --epochs abc
row 11i "train --model mlp --epochs abc" "$(outcome i11i) ($(nlines i11i) lines)" "exit 2, at most 3 lines"
bad=""; n=0
for c in $(G --help 2>/dev/null | sed -n '/^Commands:/,$p' | awk 'NR > 1 && /^  [a-z]/ {print $1}'); do
  [[ "$c" == help ]] && continue
  n=$((n + 1))
  G "$c" --help >/dev/null 2>&1 || bad="$bad $c"
done
row 11j "greendl COMMAND --help, for every command" "$n commands, refused by: ${bad:-none}" "0 refused"
hint=$(cat "$w/fix-al.out" "$w/fix-al.err" | grep -o 'then run: greendl .*' | sed 's/^then run: greendl //')
python3 - "$queries" <<'EOF'
import sys
p = sys.argv[1]; rows = open(p).read().splitlines()
open(p, "w").write("\n".join([rows[0]] + [r.rstrip(",") + ",0" if r.endswith(",") else r + "0" for r in rows[1:]]) + "\n")
EOF
eval "R i11k G $hint"
row 11k "active-learn --labels file --strategy entropy --seed 3 ... ; fill queries.csv ; run the printed hint as is" \
  "exit $RC: $(grep -v estimate "$w/i11k.err" | tail -1)" "exit 0 (the hint repeats the settings a resumed run checks)"
R i11l1 G carbon XYZ; c1=$RC
R i11l2 G track --country XYZ --out "$w/t11l" -- true; c2=$RC
R i11l3 G train "${small[@]}" --epochs 1 --country XYZ --out "$w/t11l3"; c3=$RC
row 11l "carbon XYZ / track --country XYZ -- true / train --country XYZ" "exits $c1 / $c2 / $c3: $(line i11l3)" \
  "2 / 2 / 2"
mkdir -p "$w/broken"; for f in run.json model.json model.params; do : >"$w/broken/$f"; done
R i11m1 G evaluate "$w/broken"; e1=$RC; l1=$(line i11m1)
R i11m2 G export "$w/broken" --out "$w/broken.onnx"; e2=$RC
row 11m "evaluate BROKEN / export BROKEN --out x.onnx (empty run.json, model.json, model.params)" \
  "exits $e1 / $e2: $l1 / $(line i11m2)" "the same code (1)"
