#!/usr/bin/env bash
# Fuzzes what greendl reads from files: mutated IDX files (FashionMnist.load), ONNX models (serve-bench), model
# folders (export), active-learning label CSVs (the label import) and run records (RunRecords.read + report).
# One JVM per kind; every case has a watchdog (30 s). Per case: accepted, a clean one-line error naming the file,
# a one-line error that does not name it, a stack trace (an unexpected exception type), a hang, or a crash of the
# JVM (run.sh restarts the JVM after the last recorded case). The target: zero stack traces, hangs and crashes.
#
# Usage: benchmarks/fuzz/run.sh        (counts: IDX 1000, ONNX 500, MODEL 200, LABELS 200, RECORDS 200)
#   IDX=.. ONNX=.. MODEL=.. LABELS=.. RECORDS=.. SEED=1 DATA=/usr/share/datasets/fashion-mnist may be set.
# Output: $OUT (default runs/fuzz)/<kind>.tsv journals (case, outcome, mutation, message), the table on stdout;
# the inputs of stack traces and hangs are kept under $OUT/scratch/cases for a look.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$root/runs/fuzz}"
mkdir -p "$out/scratch"
seed="${SEED:-1}"

# The benchmarks module and everything it needs at run time (the CLI, PyTorch and ONNX Runtime natives).
cp="$(MVN_OPTS="${MVN_OPTS:--o}" "$here/../common/classpath.sh")" || exit 1

jvm() {
  ${NICE:-nice} java -Xmx1g -XX:ErrorFile="$out/scratch/hs_err_%p.log" -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=off -cp "$cp" org.greendl.benchmarks.fuzz.Fuzz "$@"
}

if [[ ! -f "$out/scratch/base/mlp.onnx" ]]; then
  jvm setup "$out/scratch" "${DATA:-/usr/share/datasets/fashion-mnist}" >&2 || { echo "setup failed" >&2; exit 1; }
fi

run_kind() {
  local kind="$1" count="$2" journal="$out/$1.tsv"
  : > "$journal"
  local start=0 rc last
  while (( start < count )); do
    jvm "$kind" "$out/scratch" "$count" "$seed" "$journal" "$start" 2>>"$out/$kind.log"
    rc=$?
    last=$(tail -n 1 "$journal" 2>/dev/null | cut -f1)
    [[ -z "$last" ]] && last=-1
    if (( rc == 0 )); then
      break
    elif (( rc == 3 )); then
      start=$((last + 1)) # a hang was recorded; go on in a fresh JVM
    else
      printf '%d\tcrash\t-\tJVM exit %d\n' "$((last + 1))" "$rc" >> "$journal"
      start=$((last + 2))
    fi
  done
}

printf '| kind | cases | accepted | clean one-line error | one-line, file not named | stack traces | hangs > 30 s | crashes |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for spec in "idx:${IDX:-1000}" "onnx:${ONNX:-500}" "model:${MODEL:-200}" "labels:${LABELS:-200}" "records:${RECORDS:-200}"; do
  kind="${spec%%:*}" count="${spec##*:}"
  (( count > 0 )) || continue
  run_kind "$kind" "$count"
  j="$out/$kind.tsv"
  n() { cut -f2 "$j" | grep -cx "$1"; }
  printf '| %s | %d | %d | %d | %d | %d | %d | %d |\n' "$kind" "$(wc -l < "$j")" "$(n accepted)" "$(n clean)" \
    "$(n unnamed)" "$(n trace)" "$(n hang)" "$(n crash)"
done
for kind in idx onnx model labels records; do
  [[ -f "$out/$kind.tsv" ]] || continue
  awk -F'\t' -v k="$kind" '$2=="trace"||$2=="hang"||$2=="crash"||$2=="unnamed" {print k": "$2": "$3" -> "$4}' "$out/$kind.tsv" \
    | sort | uniq -c | sort -rn | head -20 >&2
done
