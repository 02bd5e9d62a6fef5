#!/usr/bin/env bash
# Failover benchmark (issue #18): two WildFly nodes of an installation of their own on one
# PostgreSQL share the virtual cameras; the recorder node is killed with SIGKILL again and again
# and started after each kill. Per camera it lost: kill -> first segment sealed by the other node,
# and the gap in the camera's chain; per camera handed back when it returns, the gap there.
# Needs a built tree (./mvnw install -DskipTests).
# Arguments: kills (default 10), cameras (default 4, half on each node).
# Result: ear/target/bench/failover.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o verify -pl ear -Dit.test=FailoverBench -Dvigil.bench.kills="${1:-10}" -Dvigil.bench.cameras="${2:-4}" \
    -Dvigil.it.hardware.skip=true -Dsurefire.failIfNoSpecifiedTests=false -Dtest=NoSuchTest >/dev/null
cat ear/target/bench/failover.txt
