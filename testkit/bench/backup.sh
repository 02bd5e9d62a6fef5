#!/usr/bin/env bash
# Backup benchmark (issue #21 item 1): the index of 1 hour of 16 cameras beside 16 live 1080p
# cameras recording; backup time and size, restore time into an empty folder and database, and
# the server's CPU with backups running back to back against the same windows without, alternated.
# Needs a built tree (./mvnw install -DskipTests). Arguments: seconds per window (default 60),
# rounds (default 2). Result: ear/target/bench/backup.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -o verify -pl ear -Dit.test=BackupBench -Dvigil.bench.seconds="${1:-60}" -Dvigil.bench.rounds="${2:-2}" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.it.hardware.skip=true >/dev/null
cat ear/target/bench/backup.txt
