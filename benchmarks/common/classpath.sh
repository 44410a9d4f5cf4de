#!/usr/bin/env bash
# Builds greendl-nn (and what it needs) inside the reactor and prints a class path holding its classes, its
# dependencies and the PyTorch engine (test scope). Never installs anything into the local repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp)"
(cd "$root" && mvn -q -B -DskipTests -pl nn -am package dependency:build-classpath \
    -Dmdep.outputFile="$out" -Dmdep.includeScope=test) >&2
# In a reactor build the sibling module resolves to its target/classes or jar; add nn's own classes.
echo "$root/nn/target/classes:$(cat "$out")"
rm -f "$out"
