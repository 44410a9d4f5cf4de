#!/usr/bin/env bash
# The main job end to end, timed, with a screenshot of its report:
#   benchmarks/bench/run.sh [--quick] [more greendl bench options]
# Writes OUT (default runs/bench-full or runs/bench-quick): bench.json, results.csv, report/index.html,
# report/screenshot.png, and wall.txt with the whole run's wall time. Thread count: GREENDL_THREADS (default 2).
# A rerun with the same OUT reuses the variants that finished (Ctrl-C safe).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode=full
for a in "$@"; do [[ "$a" == "--quick" ]] && mode=quick; done
out="${OUT:-$root/runs/bench-$mode}"
export GREENDL_THREADS="${GREENDL_THREADS:-2}"
start=$(date +%s)
"$root/greendl" bench --out "$out" --threads "$GREENDL_THREADS" "$@"
end=$(date +%s)
echo "wall time of this invocation: $((end - start)) s ($mode run, $GREENDL_THREADS threads, $(date -u +%F))" \
  | tee "$out/wall.txt"
cp="$("$here/../common/classpath.sh")"
java -cp "$cp" org.greendl.benchmarks.report.HeadlessBrowser "$out/report/index.html" "$out/report/screenshot.png"
