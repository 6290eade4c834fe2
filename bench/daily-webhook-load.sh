#!/usr/bin/env bash
# Load on the Daily webhook: distinct, correctly signed participant.joined events with wrk against the real jar on
# its embedded default (own temp DATA_DIR, free ports, 127.0.0.1 only), then a count of what was stored and worked.
#
#   mvn -B -q -DskipTests package && bench/daily-webhook-load.sh
#
# Options (env): JAR (target/*.jar), DURATION (10s), THREADS (2), CONNECTIONS (16), BENCH_EVENTS (60000),
# PROFILE=1 records a JFR profile of the load into $OUT/load.jfr and prints the hottest frames, JAVA_OPTS.
# Never run it while Maven or another load runs: the figures are only worth something on otherwise idle cores.
set -euo pipefail
cd "$(dirname "$0")/.."
here=bench/daily-webhook-load
JAR=${JAR:-$(ls target/reflector-ingest-*.jar | grep -v original | head -1)}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
BENCH_EVENTS=${BENCH_EVENTS:-60000}
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
meeting=$(uuidgen 2>/dev/null || python3 -c 'import uuid; print(uuid.uuid4())')
api "http://127.0.0.1:$PORT/v1/meetings" -d "{\"id\":\"$meeting\",\"room_name\":\"$ROOM\",\"platform\":\"daily\",\"start_date\":\"$start\"}" > /dev/null

python3 $here/signed-events.py --count "$BENCH_EVENTS" --room "$ROOM" --run "$RUN" --out "$OUT/requests.tsv"
# warm-up (JIT, pools): its own events, not counted
python3 $here/signed-events.py --count 40000 --room "$ROOM" --run "warm$RUN" --out "$OUT/warmup.tsv"
BENCH_THREADS=$THREADS BENCH_REQUESTS="$OUT/warmup.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d10s \
  -s $here/signed-events.lua "http://127.0.0.1:$PORT" > "$OUT/warmup.txt"
# the queue backlog of the warm-up is worked before the measured run
for _ in $(seq 1 120); do
  [[ "$(sql "select count(*) from inbox_event where processed_at is null")" == 0 ]] && break
  sleep 1
done

cpu_seconds() { awk -v tck="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tck}' /proc/$app/stat; }
cpu_before=$(cpu_seconds)
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd $app JFR.start name=load settings=profile filename="$OUT/load.jfr" > /dev/null
fi
BENCH_THREADS=$THREADS BENCH_REQUESTS="$OUT/requests.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
  -s $here/signed-events.lua "http://127.0.0.1:$PORT" | tee "$OUT/wrk.txt"
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd $app JFR.stop name=load > /dev/null
fi

cpu_load=$(cpu_seconds)
like="bench-$RUN-%"
# every accepted event must be in the inbox and worked exactly once, once the queue has drained
for _ in $(seq 1 120); do
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

if [[ "${PROFILE:-0}" == 1 ]]; then
  python3 $here/hot-frames.py "$OUT/load.jfr" | tee "$OUT/profile.txt"
fi
