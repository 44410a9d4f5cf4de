#!/usr/bin/env bash
# Planning past this machine: from a finished search's measured trials (search.json and each trial's run.json),
# a PREDICTION of its wall time and energy on more executors (ClusterSimulator: each rung's trials list-scheduled
# onto E executors, rungs as barriers, stragglers, per-task start-up, idle power of executors waiting for a rung).
#
#   benchmarks/spark/simulate.sh SEARCH_DIR [EXECUTORS] [STRAGGLER_P STRAGGLER_FACTOR OVERHEAD_S IDLE_W]
#   benchmarks/spark/simulate.sh runs/hb 1,2,8,64,512 0.05 3 3 2
#
# Defaults: 1,8,64,512 executors; 5 % of tasks straggle at 3x; 3 s start-up per task (the trial's own JVM and
# engine, as greendl-spark runs it); 2 W per waiting executor. Prints Markdown.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cp="$("$here/../common/classpath.sh")"
${NICE:-nice} java -cp "$cp" org.greendl.benchmarks.cluster.SearchOnCluster "$@"
