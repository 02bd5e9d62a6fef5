#!/usr/bin/env bash
# Takes the upgrade test's fixture from a release (issue #21 item 2): builds the release from its
# commit in a git worktree, runs its own run command with one demo camera until that camera has
# sealed four segments, stops it as an operator would (Ctrl-C: the server, then its database), and
# keeps its installation folder, its database's rows and the administrator's one-time password it
# printed in ear/src/test/fixtures/upgrade/<name>.
# Arguments: the release's name and its commit. Needs a built tree (./mvnw install -DskipTests),
# the commit in this repository's history, and Maven Central for the release's own build.
set -euo pipefail
name="$1"
commit="$2"
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
cleanup() {
    [ -n "${run:-}" ] && kill -INT "$run" 2>/dev/null && wait "$run" || true
    git -C "$root" worktree remove --force "$work/release" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
git -C "$root" worktree add --detach "$work/release" "$commit" >/dev/null
(cd "$work/release" && ./mvnw -q -B package -DskipTests)

export VIGIL_HOME="$work/home" VIGIL_DEMO_CAMERAS=1
export VIGIL_DB_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$work/release" && exec java -cp "testkit/target/vigil-testkit.jar:testkit/target/lib/*" org.vigilvms.testkit.run.VigilRun) \
    > "$work/run.log" 2>&1 &
run=$!
deadline=$((SECONDS + 600))
until [ "$(find "$VIGIL_HOME/storage" -name '*.vseg' 2>/dev/null | wc -l)" -ge 4 ]; do
    if ! kill -0 "$run" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
        tail -50 "$work/run.log" >&2
        echo "the release did not record four segments" >&2
        exit 1
    fi
    sleep 2
done
password=$(grep -oP 'Log in as: admin / \K\S+' "$work/run.log")
kill -INT "$run"
wait "$run" || true
run=
java -cp "$root/testkit/target/vigil-testkit.jar:$root/testkit/target/lib/*" org.vigilvms.testkit.upgrade.ReleaseFixture \
    --home "$VIGIL_HOME" --out "$root/ear/src/test/fixtures/upgrade/$name"
echo "release $name ($commit)" > "$root/ear/src/test/fixtures/upgrade/$name/RELEASE"
# the administrator's one-time password, as the release printed it (never signed in with)
echo "$password" > "$root/ear/src/test/fixtures/upgrade/$name/admin.password"
