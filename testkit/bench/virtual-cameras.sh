#!/usr/bin/env bash
# Benchmark of the virtual camera simulator: CPU per served 1080p/25 fps/4 Mbit/s camera at 16 and
# 64 cameras (benchmark mode: a 4 s loop encoded once), each with one RTSP viewer, against a
# baseline measured in the same run: Debian's ffmpeg live-encoding one such stream (libx264
# ultrafast), i.e. what a naive simulator pays per camera. Prints a Markdown table.
# Usage: testkit/bench/virtual-cameras.sh [seconds]   (after ./mvnw package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-30}
CP="testkit/target/vigil-testkit.jar:testkit/target/lib/*"
TICKS=$(getconf CLK_TCK)
PASSWORD=bench-$RANDOM$RANDOM

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure_cameras() { # $1 = cameras, $2 = mode flags
  local n=$1 log pid t0 t1 client
  log=$(mktemp)
  java -Xmx2g -cp "$CP" org.vigilvms.testkit.camera.VirtualCameraMain --cameras "$n" --width 1920 --height 1080 \
      --fps 25 --bitrate 4000000 --gop 50 --rtsp-port 20000 --rtsps-port -1 --onvif-port -1 --onvifs-port -1 \
      --discovery-port -1 --password "$PASSWORD" $2 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do grep -q READY "$log" && break; kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }; sleep 0.2; done
  sleep 2
  t0=$(cpu_ticks $pid)
  client=$(java -cp "$CP" org.vigilvms.testkit.camera.CameraLoadClient "$n" 20000 "$SECONDS_PER_RUN" 25 admin "$PASSWORD")
  t1=$(cpu_ticks $pid)
  kill $pid; wait $pid 2>/dev/null || true
  rm -f "$log"
  awk -v n="$n" -v d=$((t1 - t0)) -v hz="$TICKS" -v s="$SECONDS_PER_RUN" -v c="$client" 'BEGIN {
    cpu = d / hz / s * 100; split(c, f, " ");
    for (i in f) { split(f[i], kv, "="); v[kv[1]] = kv[2] }; printf "| %d | %.1f %% | %.2f %% | %s of %s | %s | %s |\n", n, cpu, cpu / n, v["frames"], v["expected"], v["lost_packets"], v["mbit_per_s"] }'
}

echo "| cameras | simulator CPU (of one core) | CPU per camera | frames received | RTP packets lost | Mbit/s |"
echo "|---|---|---|---|---|---|"
for n in 16 64; do measure_cameras "$n" "--loop-seconds 4"; done
echo
echo "Live encoding (libopenh264 in the simulator), 1 camera 1080p25:"
echo "| cameras | simulator CPU (of one core) | CPU per camera | frames received | RTP packets lost | Mbit/s |"
echo "|---|---|---|---|---|---|"
measure_cameras 1 ""
echo
if command -v ffmpeg >/dev/null; then
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o /tmp/ffmpeg-baseline.time ffmpeg -loglevel error -re -f lavfi \
      -i "testsrc2=size=1920x1080:rate=25" -t "$SECONDS_PER_RUN" -c:v libx264 -preset ultrafast -tune zerolatency \
      -b:v 4M -g 50 -f null - || true
  read -r u s < /tmp/ffmpeg-baseline.time
  awk -v u="$u" -v s="$s" -v d="$SECONDS_PER_RUN" 'BEGIN { printf "Baseline, ffmpeg live-encoding one 1080p25 stream (libx264 ultrafast): %.1f %% of one core\n", (u + s) / d * 100 }'
else
  echo "Baseline skipped: Debian's ffmpeg is not installed (apt-get install ffmpeg)."
fi
