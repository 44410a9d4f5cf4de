#!/usr/bin/env bash
# Size figures of the code base: lines in cli/, the largest main source files and the longest methods
# (a brace-counting estimate). Run from anywhere; prints plain text.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
echo "main Java lines per module:"
for m in */; do
  m="${m%/}"
  [[ -d "$m/src/main/java" ]] || continue
  printf '  %-12s %6d\n' "$m" "$(find "$m/src/main/java" -name '*.java' -print0 | xargs -0 cat | wc -l)"
done
echo "largest main files:"
find . -path '*/src/main/java/*' -name '*.java' -print0 | xargs -0 wc -l | grep -v ' total$' | sort -n | tail -3 | sed 's/^/  /'
echo "longest methods (lines, file:line name):"
python3 benchmarks/house/longest_methods.py . | sed 's/^/  /'
