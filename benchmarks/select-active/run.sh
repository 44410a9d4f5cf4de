#!/usr/bin/env bash
# Active learning on Fashion-MNIST: every strategy against random sampling, over several seeds.
# Writes OUT/<strategy>-s<seed>/run.json (learning curves with cumulative energy, selection included),
# OUT/summary.json and OUT/summary.md (labels each strategy needs to reach random's final accuracy),
# and OUT/report/index.html (the curves).
#
# Defaults are the issue's full experiment (cnn, 1,000 initial + 9 x 1,000 queries = 10,000 labels, 3 seeds):
# on a 2-core machine that is days of CPU. A reduced run, e.g.
#   MODEL=lenet5 POOL=20000 INITIAL=500 QUERY=500 ROUNDS=6 EPOCHS=8 TEST_LIMIT=2000 SEEDS="1" ./run.sh
# takes about 15 minutes. Strategies run one after another (never in parallel: they would share the cores
# and distort each other's energy); GREENDL_THREADS (default 1) fixes PyTorch's intra-op threads.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
GREENDL="${GREENDL:-$root/greendl}"
OUT="${OUT:-$root/runs/select-active}"
MODEL="${MODEL:-cnn}"
POOL="${POOL:-0}"
INITIAL="${INITIAL:-1000}"
QUERY="${QUERY:-1000}"
ROUNDS="${ROUNDS:-9}"
EPOCHS="${EPOCHS:-10}"
TEST_LIMIT="${TEST_LIMIT:-0}"
CANDIDATES="${CANDIDATES:-0}"
SEEDS="${SEEDS:-1 2 3}"
STRATEGIES="${STRATEGIES:-random margin entropy least-confidence k-center bald}"
# EXTRA adds options to every run, e.g. EXTRA="--steps 400 --lr-schedule cosine" (a fixed training budget per round).
EXTRA="${EXTRA:-}"
# WARM_START=1 keeps training last round's model (--warm-start) instead of retraining from scratch.
WARM_START="${WARM_START:-0}"
warm=()
[[ "$WARM_START" == 1 ]] && warm=(--warm-start)
export GREENDL_THREADS="${GREENDL_THREADS:-1}"
mkdir -p "$OUT"

for seed in $SEEDS; do
  for strategy in $STRATEGIES; do
    dir="$OUT/$strategy-s$seed"
    if [[ -f "$dir/run.json" ]] && jq -e '.stop_reason == "completed"' "$dir/run.json" >/dev/null 2>&1; then
      echo "select-active: $dir done, skipping" >&2
      continue
    fi
    echo "select-active: $strategy seed $seed" >&2
    # A killed run resumes from $dir/state.json.
    nice "$GREENDL" active-learn --strategy "$strategy" --initial "$INITIAL" --query "$QUERY" --rounds "$ROUNDS" \
      --model "$MODEL" --epochs "$EPOCHS" --seed "$seed" --pool "$POOL" --test-limit "$TEST_LIMIT" \
      --candidates "$CANDIDATES" "${warm[@]}" $EXTRA --out "$dir" >/dev/null
  done
done

python3 "$here/summarize.py" "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
"$GREENDL" report "$OUT" >/dev/null || echo "select-active: report failed (see above)" >&2
