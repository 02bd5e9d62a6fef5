#!/usr/bin/env bash
# Console benchmark (issue #19): the cameras page and the live page in headless Chromium with 10
# cameras (baseline), 1,000 and 5,000: the cameras page opened, filtered, turned, against the whole
# camera list the page before the lazy table fetched; the live page opened as 2x2 and 4x4 grids,
# and a site of its tree opened. Needs Debian's chromium and chromium-driver and a built tree
# (./mvnw install -DskipTests). Argument: rounds per figure (default 15).
# Result: ear/target/bench/console.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o verify -pl ear -Dit.test=ConsoleBench -Dvigil.bench.rounds="${1:-15}" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.it.hardware.skip=true >/dev/null
cat ear/target/bench/console.txt
