#!/usr/bin/env bash
# Live view benchmark (issue #6): glass-to-glass latency in headless Chromium, playback open
# time, 16 tiles without stalls, server CPU per live viewer. Needs Debian's chromium and
# chromium-driver and a built tree (./mvnw install -DskipTests). Duration per phase in seconds
# as the first argument (default 60). Result: ear/target/bench/live-view.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_PHASE="${1:-60}"
./mvnw -q -o verify -pl ear -Dit.test=LiveViewBench -Dvigil.it.hardware.skip=true -Dvigil.bench.seconds="$SECONDS_PER_PHASE" \
    -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
cat ear/target/bench/live-view.txt
