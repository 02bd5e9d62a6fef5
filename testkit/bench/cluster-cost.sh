#!/usr/bin/env bash
# What a second recorder node costs (issue #18): the same cameras (1080p25, 4 Mbit/s, benchmark
# mode) recorded by one node with every role, then shared by it and a recorder node on the same
# machine, in one run. Per layout: CPU per stream of the WildFly JVMs and PostgreSQL, and frames
# lost in the measured window.
# Needs a built tree (./mvnw install -DskipTests).
# Arguments: cameras (default 16), window seconds (default 60), warm-up seconds (default 60).
# Result: ear/target/bench/cluster-cost.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o verify -pl ear -Dit.test=ClusterCostBench -Dvigil.bench.cameras="${1:-16}" -Dvigil.bench.seconds="${2:-60}" \
    -Dvigil.bench.warmup="${3:-60}" -Dvigil.it.hardware.skip=true -Dsurefire.failIfNoSpecifiedTests=false -Dtest=NoSuchTest >/dev/null
cat ear/target/bench/cluster-cost.txt
