#!/usr/bin/env bash
# Load on the Daily webhook: distinct, correctly signed participant.joined events with wrk against the real jar on
# its embedded default (own temp DATA_DIR, free ports, 127.0.0.1 only), then a count of what was stored and worked.
#
#   mvn -B -q -DskipTests package && bench/daily-webhook-load.sh
#
# Options (env): JAR (target/*.jar), DURATION (10s), WARMUP (30s, its own events, worked off before the measured run), THREADS (2), CONNECTIONS (16), BENCH_EVENTS (60000),
# ROOMS (100): the meetings the events are spread over, as in a burst of many meetings ending at once,
# PROFILE=1 records a JFR profile of the load into $OUT/load.jfr and prints the CPU per thread and the hottest frames,
# JAVA_OPTS,
# RECORDING (a directory of make-fixtures.sh tracks with its manifest.json, default /tmp/reflector-bench/n4-m30;
# "none" for no recording): its Daily recording is posted just before the measured run, so the events are answered
# while the recording is fetched, padded and mixed, as when many meetings end at once.
# Never run it while Maven or another load runs: the figures are only worth something on otherwise idle cores.
set -euo pipefail
cd "$(dirname "$0")/.."
here=bench/daily-webhook-load
JAR=${JAR:-$(ls target/reflector-ingest-*.jar | grep -v original | head -1)}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
BENCH_EVENTS=${BENCH_EVENTS:-60000}
WARMUP=${WARMUP:-30s}
ROOMS=${ROOMS:-100}
RECORDING=${RECORDING:-/tmp/reflector-bench/n4-m30}
SECRET=ZGV2LWRhaWx5LXdlYmhvb2stc2VjcmV0LTMyYnl0ZXM=
OUT=${OUT:-$(mktemp -d /tmp/daily-webhook-load.XXXXXX)}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port); PG_PORT=$(free_port); S3_PORT=$(free_port); SQS_PORT=$(free_port)
RUN=$(date +%s)
ROOM="bench-room-$RUN"

mkdir -p "$OUT"
echo "output in $OUT"
jfr_opts=()
if [[ "${PROFILE:-0}" == 1 ]]; then
  jfr_opts=(-XX:+FlightRecorder)
fi
DATA_DIR="$OUT/data" PORT=$PORT EMBEDDED_POSTGRES_PORT=$PG_PORT EMBEDDED_S3_PORT=$S3_PORT EMBEDDED_SQS_PORT=$SQS_PORT \
  java ${JAVA_OPTS:-} "${jfr_opts[@]}" -jar "$JAR" > "$OUT/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$PORT/actuator/health" > /dev/null 2>&1; then break; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health" > /dev/null || { echo "the app did not start, see $OUT/app.log"; exit 1; }

sql() { PGPASSWORD=postgres psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres postgres -c "$1"; }
api() { curl -fsS -H 'Authorization: Bearer dev-api-key' -H 'Content-Type: application/json' "$@"; }
start=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
for room in $(seq 0 $((ROOMS - 1))); do
  meeting=$(python3 -c 'import uuid; print(uuid.uuid4())')
  api "http://127.0.0.1:$PORT/v1/meetings" -d "{\"id\":\"$meeting\",\"room_name\":\"$ROOM-$room\",\"platform\":\"daily\",\"start_date\":\"$start\"}" > /dev/null
done

# warm-up (JIT, pools): its own events, not counted
python3 $here/signed-events.py --count "$BENCH_EVENTS" --room "$ROOM" --rooms "$ROOMS" --run "warm$RUN" --out "$OUT/warmup.tsv"
BENCH_THREADS=$THREADS BENCH_REQUESTS="$OUT/warmup.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" \
  -s $here/signed-events.lua "http://127.0.0.1:$PORT" > "$OUT/warmup.txt"
# the queue backlog of the warm-up is worked before the measured run
for _ in $(seq 1 600); do
  [[ "$(sql "select count(*) from inbox_event where processed_at is null")" == 0 ]] && break
  sleep 1
done
# signed now, after the drain: a signature older than the tolerance (5 min) is refused
python3 $here/signed-events.py --count "$BENCH_EVENTS" --room "$ROOM" --rooms "$ROOMS" --run "$RUN" --out "$OUT/requests.tsv"

recording_status() { sql "select status from transcript where recording_id = '$recording_id'"; }
recording_id=""
if [[ "$RECORDING" != none ]]; then
  [[ -f "$RECORDING/manifest.json" ]] || { echo "no fixtures in $RECORDING: run bench/daily-multitrack.sh once, or RECORDING=none"; exit 1; }
  keys=()
  for file in $(jq -r '.tracks[].file' "$RECORDING/manifest.json"); do
    keys+=("benchdomain/$ROOM-0/$file")
    # curl 7.x does not send x-amz-content-sha256, which S3Proxy requires
    curl -sSf --aws-sigv4 "aws:amz:us-east-1:s3" --user reflector-dev:reflector-dev-secret \
      -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -o /dev/null -T "$RECORDING/$file" \
      "http://127.0.0.1:$S3_PORT/reflector-dailyco-recordings/benchdomain/$ROOM-0/$file"
  done
  recording_id=$(python3 -c 'import uuid; print(uuid.uuid4())')
  ts=$(date +%s)
  python3 $here/signed-recording.py "$recording_id" "$ts" "$ROOM-0" "$(jq -r '.recording_start_ms' "$RECORDING/manifest.json")" \
    "$SECRET" "$OUT/recording" "$RECORDING" "${keys[@]}"
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$PORT/v1/daily/webhook" -H 'Content-Type: application/json' \
    -H "X-Webhook-Timestamp: $ts" -H "X-Webhook-Signature: $(cat "$OUT/recording.sig")" \
    --data-binary @"$OUT/recording.json"
  # the load starts once the recording's run is under way (its tracks are being fetched and padded)
  for _ in $(seq 1 60); do
    [[ "$(sql "select count(*) from transcript where recording_id = '$recording_id' and status = 'processing'")" == 1 ]] && break
    sleep 0.5
  done
  echo "recording $recording_id ($(jq -r '.tracks | length' "$RECORDING/manifest.json") tracks from $RECORDING): $(recording_status)"
fi

cpu_seconds() { awk -v tck="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tck}' /proc/$app/stat; }
cpu_before=$(cpu_seconds)
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd $app JFR.start name=load settings=default filename="$OUT/load.jfr" > /dev/null
fi
if [[ "${PROFILE:-0}" == 1 ]]; then
  python3 $here/thread-cpu.py $app "${DURATION%s}" > "$OUT/thread-cpu.txt" & thread_cpu=$!
fi
BENCH_THREADS=$THREADS BENCH_REQUESTS="$OUT/requests.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s $here/signed-events.lua "http://127.0.0.1:$PORT" | tee "$OUT/wrk.txt"
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd $app JFR.stop name=load > /dev/null
fi

cpu_load=$(cpu_seconds)
[[ -n "$recording_id" ]] && echo "recording status when the load ended: $(recording_status)"
like="bench-$RUN-%"
# every accepted event must be in the inbox and worked exactly once, once the queue has drained
for _ in $(seq 1 600); do
  pending=$(sql "select count(*) from inbox_event where event_id like '$like' and processed_at is null")
  [[ "$pending" == 0 ]] && break
  sleep 1
done
cpu_drained=$(cpu_seconds)
answered=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk.txt"); non2xx=${non2xx:-0}
echo "answered: $answered, non-2xx: $non2xx"
echo "inbox rows: $(sql "select count(*) from inbox_event where event_id like '$like'")" \
  "(at least the 2xx answers; requests in flight when wrk stopped may add some)"
echo "unprocessed: $(sql "select count(*) from inbox_event where event_id like '$like' and processed_at is null")," \
  "worked more than once: $(sql "select count(*) from inbox_event where event_id like '$like' and attempts <> 1")," \
  "with an error: $(sql "select count(*) from inbox_event where event_id like '$like' and error_msg is not null")"
echo "app CPU: $(echo "$cpu_load - $cpu_before" | bc) s during the load, $(echo "$cpu_drained - $cpu_before" | bc) s" \
  "until every event was worked: $(echo "scale=2; 1000 * ($cpu_drained - $cpu_before) / $answered" | bc) ms of CPU" \
  "per event; machine load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
echo "participant sessions: $(sql "select count(*) from participant_session where session_id like 'bench-$RUN-%'")"

if [[ -n "$recording_id" ]]; then
  for _ in $(seq 1 600); do
    case $(recording_status) in ended|error) break ;; esac
    sleep 1
  done
  echo "recording: $(recording_status) $(sql "select coalesce(error_msg, '') from transcript where recording_id = '$recording_id'")"
fi

if [[ "${PROFILE:-0}" == 1 ]]; then
  wait $thread_cpu
  echo "== CPU by thread during the measured run (/proc)"; cat "$OUT/thread-cpu.txt"
  python3 $here/hot-frames.py "$OUT/load.jfr" | tee "$OUT/profile.txt"
fi
