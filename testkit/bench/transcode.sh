#!/usr/bin/env bash
# Live transcoding benchmark (issue #22): server CPU of one live viewer whose stream the server
# encodes again (an H.265 camera for a browser without H.265; a masked viewer of an H.264
# camera) next to one whose H.265 is only remuxed, over recording alone, in one run. Needs
# Debian's ffmpeg (the H.265 camera's loop) and a built tree (./mvnw install -DskipTests).
# Seconds per phase as the first argument (default 60). Result: ear/target/bench/transcode.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o verify -pl ear -Dit.test=TranscodeBench -Dvigil.bench.seconds="${1:-60}" -Dvigil.it.hardware.skip=true \
    -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
cat ear/target/bench/transcode.txt
