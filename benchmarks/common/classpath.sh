#!/usr/bin/env bash
# Builds greendl-benchmarks (and every module it needs) inside the reactor and prints its class path: the
# module's jar and its runtime dependencies, the PyTorch engine and sibling modules included, as copied into
# benchmarks/target/lib by the package phase. Never installs anything into the local repository.
# MVN_OPTS (e.g. -o) and NICE (default "nice") may be set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck disable=SC2086 # MVN_OPTS holds several options
(cd "$root" && ${NICE:-nice} mvn -q -B ${MVN_OPTS:-} -DskipTests -pl benchmarks -am package) >&2
echo "$root/benchmarks/target/greendl-benchmarks.jar:$root/benchmarks/target/lib/*"
