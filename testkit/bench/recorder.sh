#!/usr/bin/env bash
# Benchmark of the recorder: N virtual cameras (1920x1080, 25 fps, 4 Mbit/s, benchmark mode) recorded
# by the whole VMS (WildFly + PostgreSQL, segments encrypted and hash-chained) for S seconds, then the
# same streams recorded by Debian's `ffmpeg -c copy -f segment` (one process per stream) for S
# seconds, in the same run. Reports CPU per stream, resident memory per stream, JVM heap per stream
# and frames lost. Prints a Markdown table.
# Usage: testkit/bench/recorder.sh [cameras] [seconds]   (after ./mvnw package -DskipTests; needs ffmpeg, curl)
# VIGIL_BENCH_AUDIO=aac|g711: the cameras also send sound (a 440 Hz tone); ffmpeg keeps AAC as it comes and
# re-encodes G.711 to AAC as Vigil does (16 kHz, 32 kbit/s, fast AAC coder). Default: no sound.
# VIGIL_BENCH_CODEC=h265: the cameras send H.265 (a loop encoded once by Debian's ffmpeg with libx265); both
# Vigil and the ffmpeg baseline record it as it comes. Default: h264.
# VIGIL_BENCH_JFR=/tmp/rec.jfr also records a JFR profile of WildFly, from before the cameras to the end of the window
# (VIGIL_BENCH_JFR_SETTINGS: a .jfc; default profile).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-16}
S=${2:-60}
CP="testkit/target/vigil-testkit.jar:testkit/target/lib/*"
HZ=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/vigil-bench.XXXXXX)
export VIGIL_HOME=$WORK/home VIGIL_DB_PORT=54391 VIGIL_DEMO_CAMERAS=0
CAMPASS=bench$RANDOM$RANDOM
case "${VIGIL_BENCH_AUDIO:-off}" in
  off) CAM_AUDIO=off; FF_AUDIO=(-an) ;;
  aac) CAM_AUDIO=on; FF_AUDIO=() ;;
  g711) CAM_AUDIO=g711; FF_AUDIO=(-c:a aac -aac_coder fast -ar 16000 -b:a 32k) ;;
  *) echo "VIGIL_BENCH_AUDIO: off, aac or g711" >&2; exit 2 ;;
esac
pids=()
# the work directory holds GBs of recordings: removed at the end unless VIGIL_BENCH_KEEP=1 (a dozen runs filled the disk)
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
    [ -n "${VIGIL_BENCH_KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

# per thread of a process: "name ticks" (the kernel's 15-character name, digits folded into #)
thread_ticks() { for t in /proc/"$1"/task/*; do [ -r "$t/stat" ] && printf '%s %s\n' "$(tr -d ' ' < "$t/comm" | tr '0-9' '#')" \
    "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"; done 2>/dev/null; }
ticks() { local t=0; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
rss_kb() { local r=0; for p in "$@"; do [ -r "/proc/$p/status" ] && r=$((r + $(awk '/VmRSS/ {print $2}' "/proc/$p/status"))); done; echo $r; }

# cameras
java -Xmx1g -cp "$CP" org.vigilvms.testkit.camera.VirtualCameraMain --cameras "$N" --width 1920 --height 1080 --fps 25 \
    --bitrate 4000000 --gop 50 --loop-seconds 4 --rtsp-port 21000 --rtsps-port -1 --onvif-port -1 --onvifs-port -1 \
    --discovery-port -1 --password "$CAMPASS" --audio "$CAM_AUDIO" --codec "${VIGIL_BENCH_CODEC:-h264}" > "$WORK/cameras.log" 2>&1 &
pids+=($!)
# the VMS
java -cp "$CP" org.vigilvms.testkit.run.VigilRun > "$WORK/vms.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do grep -q "Vigil VMS is running" "$WORK/vms.log" && break; sleep 0.5; done
grep -q "Vigil VMS is running" "$WORK/vms.log" || { cat "$WORK/vms.log"; exit 1; }
ADMIN=$(sed -n 's/.*Log in as: admin \/ \([^ ]*\).*/\1/p' "$WORK/vms.log")
WF=$(pgrep -f "^[^ ]*java .*jboss.server.base.dir=$VIGIL_HOME/server" | head -1)
PGMAIN=$(pgrep -f "postgres -D $VIGIL_HOME/pgdata" | head -1 || true)
[ -n "$PGMAIN" ] || PGMAIN=$(pgrep -f "$VIGIL_HOME/pgdata" | head -1)
heap_used_kb() { (jcmd "$1" GC.run >/dev/null 2>&1; jcmd "$1" GC.heap_info 2>/dev/null || true) |
    awk '/garbage-first heap|def new generation|PSYoungGen|total/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K","",$(i+1)); print $(i+1); exit}}'; }
# VIGIL_BENCH_JFR=file.jfr: a Flight Recorder profile of WildFly (where the CPU goes; costs some itself). Started
# before the cameras: starting JFR makes the JIT compile JFR's own code for a minute or more, which would
# otherwise fall into the window; the window's times are printed so its samples can be picked out.
[ -z "${VIGIL_BENCH_JFR:-}" ] || jcmd "$WF" JFR.start name=bench settings="${VIGIL_BENCH_JFR_SETTINGS:-profile}" filename="$VIGIL_BENCH_JFR" >/dev/null
# resident memory of the idle server, before any camera (the idle CPU and heap are measured after the window:
# right after the start the JIT is still compiling the deployment, which made an idle CPU taken here too high)
sleep 10
PG0="$PGMAIN $(pgrep -P "$PGMAIN" | tr '\n' ' ')"
idle_rss=$(rss_kb $WF $PG0)
CURL=(curl -s --cacert "$VIGIL_HOME/tls/ca.pem" -b "$WORK/jar" -c "$WORK/jar")
"${CURL[@]}" -o /dev/null https://localhost:8443/index.xhtml
# first sign-in: the one-time password only serves to choose a new one
NEWPW="Bench-$RANDOM-$RANDOM-Pw"
"${CURL[@]}" -o /dev/null -L --data-urlencode username=admin --data-urlencode "password=$ADMIN" https://localhost:8443/login
"${CURL[@]}" -o /dev/null -L --data-urlencode "current=$ADMIN" --data-urlencode "next=$NEWPW" --data-urlencode "confirm=$NEWPW" \
    https://localhost:8443/account/password
for i in $(seq 0 $((N - 1))); do
  "${CURL[@]}" -o /dev/null -f -H 'Content-Type: application/json' -d "{\"name\":\"bench $i\",\"streamUrl\":\"rtsp://127.0.0.1:$((21000 + i))/stream1\",\"username\":\"admin\",\"password\":\"$CAMPASS\",\"acceptInsecureTransport\":true}" https://localhost:8443/api/v1/cameras
done
# connect, first keyframes, JIT warm-up (VIGIL_BENCH_WARMUP seconds, default 300): at 16 streams the
# C2 compiler still took 10 % of a core 60-120 s after the cameras were added, ~2 % after 7 minutes
# (per-thread CPU, VIGIL_BENCH_THREADS); a recorder runs for months, so the steady state is what counts
sleep "${VIGIL_BENCH_WARMUP:-300}"
psql_q() { PGPASSWORD= psql -h 127.0.0.1 -p "$VIGIL_DB_PORT" -U postgres -d vigil -Atc "$1" 2>/dev/null; }
PG="$PGMAIN $(pgrep -P "$PGMAIN" | tr '\n' ' ')"
t_start=$(date +%s%3N)
[ -z "${VIGIL_BENCH_THREADS:-}" ] || thread_ticks "$WF" > "$WORK/threads0"
c0=$(ticks $WF $PG); pg0=$(ticks $PG)
sleep "$S"
c1=$(ticks $WF $PG); pg1=$(ticks $PG)
[ -z "${VIGIL_BENCH_THREADS:-}" ] || thread_ticks "$WF" > "$WORK/threads1"
t_end=$(date +%s%3N)
[ -z "${VIGIL_BENCH_JFR:-}" ] || { jcmd "$WF" JFR.stop name=bench >/dev/null;
    echo "JFR: $VIGIL_BENCH_JFR, window $(date -u -d @$((t_start / 1000)) +%T) to $(date -u -d @$((t_end / 1000)) +%T) UTC"; }
vms_rss=$(rss_kb $WF $PG)
heap_kb=$(heap_used_kb "$WF")
if [ -n "${VIGIL_BENCH_THREADS:-}" ]; then
  echo "WildFly CPU in the window by thread (% of one core; threads that ended in the window are not listed):"
  awk -v hz="$HZ" -v s="$S" 'NR == FNR {a[$1] += $2; next} {b[$1] += $2; n[$1]++} END {
      for (k in b) { d = b[k] - a[k]; if (d > 0) printf "  %6.2f %%  %3d x %s\n", d / hz / s * 100, n[k], k } }' \
      "$WORK/threads0" "$WORK/threads1" | sort -rn
  echo "  PostgreSQL (all its processes): $(awk -v d=$((pg1 - pg0)) -v hz="$HZ" -v s="$S" 'BEGIN {printf "%.2f %%", d / hz / s * 100}')"
fi
# recording stops (so a backlog can drain); what the window recorded is counted below
for i in $(seq 1 "$N"); do "${CURL[@]}" -o /dev/null -X POST "https://localhost:8443/api/v1/cameras/$i/disable"; done
IN_WINDOW="start_ts >= to_timestamp($t_start/1000.0) AND end_ts <= to_timestamp($t_end/1000.0)"
sleep 6
sealed_at_6s=$(psql_q "SELECT count(*) FROM segment WHERE $IN_WINDOW")
# a backlog of unsealed segments drains from the spool: count once nothing new was sealed for 10 s (at most 5 min)
drain_start=$(date +%s); last=-1; same=0
while [ $(( $(date +%s) - drain_start )) -lt 300 ] && [ "$same" -lt 10 ]; do
  now_count=$(psql_q "SELECT count(*) FROM segment WHERE $IN_WINDOW")
  if [ "$now_count" = "$last" ]; then same=$((same + 1)); else same=0; last=$now_count; fi
  sleep 1
done
drained_s=$(( $(date +%s) - drain_start - same ))
# frames whose segments lie inside the window, vs. 25 fps over those segments' durations
vms_frames=$(psql_q "SELECT coalesce(sum(frames),0) FROM segment WHERE $IN_WINDOW")
vms_span=$(psql_q "SELECT coalesce(sum(duration_ms),0) FROM segment WHERE $IN_WINDOW")
# whole segments missing: time between a camera's neighbouring segments in the window (over 50 ms)
vms_gap_ms=$(psql_q "SELECT coalesce(round(sum(greatest(0, extract(epoch FROM start_ts - prev_end) * 1000 - 50))), 0) FROM
  (SELECT start_ts, lag(end_ts) OVER (PARTITION BY camera_id ORDER BY start_ts) AS prev_end FROM segment WHERE $IN_WINDOW) x
  WHERE prev_end IS NOT NULL")
echo "segments in the window sealed 6 s after it: $sealed_at_6s; after the spool drained (${drained_s} s): $last; time between neighbouring segments: ${vms_gap_ms} ms"
# idle server, the fixed cost the per-stream figures are measured against: after the window, with every camera
# disabled and the spool drained, so the JIT is as warm as in the window (30 s, after 10 s to settle)
sleep 10
PG="$PGMAIN $(pgrep -P "$PGMAIN" | tr '\n' ' ')"
i0=$(ticks $WF $PG); sleep 30; i1=$(ticks $WF $PG)
idle_heap=$(heap_used_kb "$WF")

# baselines: ffmpeg -c copy -f segment, one process per stream, segments as long as Vigil's (CameraIngest.SEGMENT_MS):
# first as the issue names it (the segment muxer's default: plain MP4, index at the end), then writing the
# same fragmented MP4 as Vigil (SpoolFile.FRAGMENT_US fragments, empty moov), whose fragments the muxer
# builds in memory before writing them out. Sets f_ticks, f_rss, f_frames.
ffmpeg_baseline() {
  local dir="$WORK/ffmpeg-$1"; shift
  mkdir -p "$dir"
  local ff=() i n f
  for i in $(seq 0 $((N - 1))); do
    ffmpeg -loglevel error -rtsp_transport tcp -i "rtsp://admin:$CAMPASS@127.0.0.1:$((21000 + i))/stream1" -c copy "${FF_AUDIO[@]}" \
        -f segment -segment_time 4 -reset_timestamps 1 "$@" "$dir/cam$i-%05d.mp4" &
    ff+=($!); pids+=($!)
  done
  sleep 15
  local t0; t0=$(ticks "${ff[@]}")
  sleep "$S"
  f_ticks=$(( $(ticks "${ff[@]}") - t0 ))
  f_rss=$(rss_kb "${ff[@]}")
  for f in "${ff[@]}"; do kill -INT "$f" 2>/dev/null || true; done
  sleep 3
  f_frames=0
  for f in "$dir"/*.mp4; do
    n=$(ffprobe -v error -count_packets -select_streams v -show_entries stream=nb_read_packets -of csv=p=0 "$f" 2>/dev/null || echo 0)
    f_frames=$((f_frames + ${n:-0}))
  done
  rm -rf "$dir"
}
ffmpeg_baseline plain
fc=$f_ticks; ff_rss=$f_rss; ff_frames=$f_frames
ffmpeg_baseline fragmented -segment_format_options movflags=frag_keyframe+empty_moov+default_base_moof:frag_duration=500000:flush_packets=1
gc=$f_ticks; gg_rss=$f_rss; gg_frames=$f_frames
ff_seconds=$((S + 15 + 3))

awk -v n="$N" -v s="$S" -v hz="$HZ" -v vc=$((c1 - c0)) -v ic=$((i1 - i0)) -v fc="$fc" -v gc="$gc" -v gr="$gg_rss" -v gf="$gg_frames" -v vr="$vms_rss" \
    -v ir="$idle_rss" -v fr="$ff_rss" -v heap="${heap_kb:-0}" -v iheap="${idle_heap:-0}" -v vf="$vms_frames" \
    -v vspan="$vms_span" -v gap="${vms_gap_ms:-0}" -v ff="$ff_frames" -v ffs="$ff_seconds" 'BEGIN {
  vcpu = vc / hz / s * 100; icpu = ic / hz / 30 * 100; fcpu = fc / hz / s * 100; gcpu = gc / hz / s * 100;
  printf "| recorder | streams | CPU per stream (of one core) | resident memory per stream | JVM heap per stream | frames |\n";
  printf "|---|---|---|---|---|---|\n";
  printf "| Vigil, all costs / streams (WildFly + PostgreSQL; encrypted, hash-chained) | %d | %.2f %% | %.1f MB | %.2f MB | %d stored of %d in the stored segments (%.2f %% lost), %d ms between segments |\n",
    n, vcpu / n, vr / 1024 / n, heap / 1024 / n, vf, vspan / 1000 * 25, (1 - vf / (vspan / 1000 * 25)) * 100, gap;
  printf "| Vigil, marginal (minus the idle server: %.1f %% CPU, %.0f MB, heap %.0f MB) | %d | %.2f %% | %.1f MB | %.2f MB | |\n",
    icpu, ir / 1024, iheap / 1024, n, (vcpu - icpu) / n, (vr - ir) / 1024 / n, (heap - iheap) / 1024 / n;
  printf "| ffmpeg -c copy -f segment, one process per stream | %d | %.2f %% | %.1f MB | - | %d written in ~%d s (%.1f fps per stream, start-up included) |\n",
    n, fcpu / n, fr / 1024 / n, ff, ffs, ff / n / ffs;
  printf "| ffmpeg -c copy -f segment, fragmented MP4 as Vigil writes it, one process per stream | %d | %.2f %% | %.1f MB | - | %d written in ~%d s (%.1f fps per stream, start-up included) |\n",
    n, gcpu / n, gr / 1024 / n, gf, ffs, gf / n / ffs;
  printf "\nCPU per stream, Vigil marginal / ffmpeg: %.2f; all costs / ffmpeg: %.2f\n", ((vcpu - icpu) / n) / (fcpu / n), (vcpu / n) / (fcpu / n);
  printf "CPU per stream, Vigil marginal / ffmpeg writing fragmented MP4: %.2f; all costs: %.2f\n", ((vcpu - icpu) / n) / (gcpu / n), (vcpu / n) / (gcpu / n) }'
