#!/usr/bin/env bash
# Live view benchmark (issue #6): glass-to-glass latency in headless Chromium, playback open
# time, 16 tiles without stalls, server CPU per live viewer. Needs Debian's chromium and
# chromium-driver and a built tree (./mvnw install -DskipTests). Duration per phase in seconds
# as the first argument (default 60); the parts to run as the second (comma-separated: latency,
# playback, tiles; default all). Result: ear/target/bench/live-view.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_PHASE="${1:-60}"
PARTS="${2:-latency,playback,tiles}"
./mvnw -q -o verify -pl ear -Dit.test=LiveViewBench -Dvigil.it.hardware.skip=true -Dvigil.bench.seconds="$SECONDS_PER_PHASE" \
    -Dvigil.bench.parts="$PARTS" -Dvigil.bench.soundPaces="${SOUND_PACES:-}" \
    -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
cat ear/target/bench/live-view.txt
