#!/usr/bin/env bash
# Analytics benchmark (issue #7): motion onset in a virtual camera to the alarm shown in headless
# Chromium (median, p95); 16 cameras analysed at 5 pictures/s while recording, against recording
# alone; signed events per second through JMS into PostgreSQL, against plain JDBC inserts. Needs
# Debian's chromium and chromium-driver and a built tree (./mvnw install -DskipTests).
# Arguments: seconds per CPU phase (default 60), onsets (default 20), events (default 20000), parts to
# run (default onset,throughput,ingest; "substreams" adds sixteen 1080p cameras analysed from their main
# streams, then from their sub-streams, while they record).
# Result: ear/target/bench/analytics.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o verify -pl ear -Dit.test=AnalyticsBench -Dvigil.it.hardware.skip=true -Dvigil.bench.seconds="${1:-60}" -Dvigil.bench.onsets="${2:-20}" \
    -Dvigil.bench.events="${3:-20000}" -Dvigil.bench.phases="${4:-onset,throughput,ingest}" -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
cat ear/target/bench/analytics.txt
