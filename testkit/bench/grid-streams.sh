#!/usr/bin/env bash
# Live grid benchmark (issue #22): sixteen 1080p cameras in a 4x4 grid in headless Chromium,
# first on their main streams, then on their sub-streams (960x540), in one run: browser and
# server CPU, stalls, frames decoded and dropped per tile. Needs Debian's chromium and
# chromium-driver and a built tree (./mvnw install -DskipTests). Seconds per half as the first
# argument (default 60). Result: ear/target/bench/grid-streams.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o verify -pl ear -Dit.test=GridStreamsBench -Dvigil.bench.seconds="${1:-60}" -Dvigil.it.hardware.skip=true \
    -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
cat ear/target/bench/grid-streams.txt
