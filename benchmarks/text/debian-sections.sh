#!/usr/bin/env bash
# Builds the Debian sections text dataset: one row per binary package in this machine's apt lists
# (`apt-cache dumpavail`), its Description text with the package's own name (and its source package's) removed,
# labelled by its Section (component prefix such as contrib/ dropped), the SECTIONS most common sections only,
# exact duplicate (section, text) rows kept once, at most PER_SECTION rows per section drawn with a fixed SEED.
# Writes OUT (TSV with a header `label<TAB>text`), OUT.sha256, and prints the fingerprint and the class counts.
#
#   OUT=runs/text/debian-sections.tsv SECTIONS=10 PER_SECTION=2000 SEED=42 benchmarks/text/debian-sections.sh
#
# The rows depend on the apt lists (a Debian release and its updates): the sha256 says which data a result used.
# PYTHON (default python3) needs the standard library only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$root/runs/text/debian-sections.tsv}"
SECTIONS="${SECTIONS:-10}"
PER_SECTION="${PER_SECTION:-2000}"
SEED="${SEED:-42}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$(dirname "$OUT")"
tmp="$(mktemp "$OUT.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
apt-cache dumpavail | "$PYTHON" "$root/benchmarks/text/debian_sections.py" "$SECTIONS" "$PER_SECTION" "$SEED" > "$tmp"
mv "$tmp" "$OUT"
trap - EXIT
sum="$(sha256sum "$OUT" | cut -d' ' -f1)"
echo "sha256:$sum  $(basename "$OUT")" > "$OUT.sha256"
echo "wrote $OUT: $(($(wc -l < "$OUT") - 1)) rows, sha256:$sum"
echo "apt lists: $(apt-cache dumpavail | grep -c '^Package:') package stanzas"
echo "class counts:"
tail -n +2 "$OUT" | cut -f1 | sort | uniq -c | sort -rn
