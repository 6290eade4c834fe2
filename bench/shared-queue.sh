#!/usr/bin/env bash
# shared-queue.sh - how recordings spread over instances sharing the run queue, and how they stop.
#
#   1. fixtures: an N-track x M-minute Daily-like meeting (../shared/fixtures/make-fixtures.sh), cached
#   2. instance 1: the jar on its embedded profile (fresh DATA_DIR, free ports); with -i 2, instance 2 on the aws
#      profile pointed at instance 1's PostgreSQL, S3 and SQS (its own DATA_DIR and port), as a second machine
#   3. R recordings: the meeting's tracks uploaded R times, one signed recording.ready-to-download webhook each, sent
#      alternately to the instances (and once more, as a duplicate, to the other one)
#   4. measured: wall time from the first webhook to the last recording `completed`, runs per recording (1 = nothing
#      done twice), how many runs each instance took (its "taken from the queue" log lines), and the time each
#      instance takes to exit after SIGTERM (with -s, instance 2 is stopped while it runs a recording: its exit time,
#      and whether that recording still ends, handed back to instance 1)
#
# Usage: bench/shared-queue.sh [-r RECORDINGS] [-n TRACKS] [-m MINUTES] [-i 1|2] [-c SLOTS] [-s] [-j JAR] [-w WORK_ROOT]
#   defaults: 8 recordings of 4 tracks x 5 min, 2 instances, CONCURRENT_RECORDINGS as configured (0 = cores / 2)
# Env: JAVA_OPTS, JAVA, STARTUP_TIMEOUT (s, default 240), PROCESS_TIMEOUT (s, default 1800).
# Only 127.0.0.1 is contacted. Needs java, curl >= 7.75 (--aws-sigv4), jq, /usr/bin/python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
R=8; N=4; MINUTES=5; INSTANCES=2; SLOTS=""; STOP_MID_RUN=0
JAR="$here/../target/reflector-ingest-0.1.0-SNAPSHOT.jar"; WORK_ROOT=/tmp/reflector-bench
while getopts "r:n:m:i:c:sj:w:h" opt; do
  case $opt in
    r) R=$OPTARG ;; n) N=$OPTARG ;; m) MINUTES=$OPTARG ;; i) INSTANCES=$OPTARG ;; c) SLOTS=$OPTARG ;;
    s) STOP_MID_RUN=1 ;; j) JAR=$OPTARG ;; w) WORK_ROOT=$OPTARG ;;
    h|*) sed -n '2,19p' "$0"; exit 0 ;;
  esac
done
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-240}; PROCESS_TIMEOUT=${PROCESS_TIMEOUT:-1800}
JAVA=${JAVA:-java}; JAVA_OPTS=${JAVA_OPTS:-}; PY=/usr/bin/python3
FIX=$WORK_ROOT/n${N}-m${MINUTES}
FIXTURES_HOME=${FIXTURES_HOME:-$(cd "$here/../.." && pwd)/shared/fixtures}
S3_CREDS=reflector-dev:reflector-dev-secret; SIGV4="aws:amz:us-east-1:s3"
DAILY_BUCKET=reflector-dailyco-recordings; API_KEY=dev-api-key
WEBHOOK_SECRET=ZGV2LWRhaWx5LXdlYmhvb2stc2VjcmV0LTMyYnl0ZXM=

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", b - a}'; }
s3() { curl -sSf --aws-sigv4 "$SIGV4" --user "$S3_CREDS" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"; }
api() { curl -sS -H "Authorization: Bearer $API_KEY" "$@"; }
free_ports() { "$PY" -c 'import socket,sys
s=[socket.socket() for _ in range(int(sys.argv[1]))]
[x.bind(("127.0.0.1",0)) for x in s]; print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"; }

for tool in "$JAVA" curl jq "$PY"; do command -v "$tool" >/dev/null || die "$tool not found"; done
[ -f "$JAR" ] || die "jar not found: $JAR (mvn -DskipTests package, or pass -j)"
if [ ! -f "$FIX/manifest.json" ]; then
  log "fixtures: generating $N x $MINUTES min into $FIX"
  "$FIXTURES_HOME/make-fixtures.sh" -n "$N" -m "$MINUTES" -o "$FIX" >/dev/null || die "fixture generation failed"
fi
mapfile -t FILES < <(jq -r '.tracks[].file' "$FIX/manifest.json")
REC_START_MS=$(jq -r '.recording_start_ms' "$FIX/manifest.json")

mkdir -p "$WORK_ROOT"
RUN=$(mktemp -d "$WORK_ROOT/queue-$(date -u +%Y%m%dT%H%M%S)-XXXX")
PIDS=()
cleanup() {
  local rc=$? p
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  local left; left=$(pgrep -f -- "$RUN/data" || true)
  [ -n "$left" ] && kill -KILL $left 2>/dev/null || true
  rm -rf "$RUN"/data*
  [ $rc -ne 0 ] && log "exit $rc; logs kept in $RUN"
  exit $rc
}
trap cleanup EXIT

read -r PORT1 PORT2 S3PORT SQSPORT PGPORT <<<"$(free_ports 5)"
SLOT_ENV=(); [ -n "$SLOTS" ] && SLOT_ENV=(CONCURRENT_RECORDINGS="$SLOTS")
start() {  # index env...
  local i=$1; shift
  mkdir -p "$RUN/data$i"
  # shellcheck disable=SC2086
  ( cd "$RUN" && exec env -u DATABASE_URL -u DAILY_API_KEY DATA_DIR="$RUN/data$i" DAILY_WEBHOOK_SECRET="$WEBHOOK_SECRET" \
      "${SLOT_ENV[@]}" "$@" "$JAVA" $JAVA_OPTS -jar "$JAR" ) >"$RUN/app$i.log" 2>&1 &
  PIDS[$i]=$!
}
healthy() {  # index port
  local t0; t0=$(now)
  until curl -s "http://127.0.0.1:$2/actuator/health" 2>/dev/null | jq -e '.status == "UP"' >/dev/null 2>&1; do
    kill -0 "${PIDS[$1]}" 2>/dev/null || { tail -30 "$RUN/app$1.log" >&2; die "instance $1 exited during startup"; }
    [ "$(secs "$t0" "$(now)" | cut -d. -f1)" -lt "$STARTUP_TIMEOUT" ] || die "instance $1 not UP"
    sleep 0.5
  done
  log "instance $1 healthy after $(secs "$t0" "$(now)") s (port $2)"
}
start 1 SPRING_PROFILES_ACTIVE=embedded PORT="$PORT1" EMBEDDED_S3_PORT="$S3PORT" EMBEDDED_SQS_PORT="$SQSPORT" \
  EMBEDDED_POSTGRES_PORT="$PGPORT"
healthy 1 "$PORT1"
BASES=("http://127.0.0.1:$PORT1")
if [ "$INSTANCES" = 2 ]; then
  Q="http://127.0.0.1:$SQSPORT/000000000000"
  start 2 SPRING_PROFILES_ACTIVE=aws PORT="$PORT2" SERVER_ADDRESS=127.0.0.1 \
    SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres" SPRING_DATASOURCE_USERNAME=postgres \
    TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL="http://127.0.0.1:$S3PORT" AWS_SQS_ENDPOINT_URL="http://127.0.0.1:$SQSPORT" \
    TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID=reflector-dev TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY=reflector-dev-secret \
    AWS_PROCESS_RECORDING_QUEUE_URL="$Q/reflector-recordings" AWS_PROCESS_RECORDING_DLQ_URL="$Q/reflector-recordings-dlq" \
    DAILY_EVENTS_QUEUE_URL="$Q/reflector-daily-events" DAILY_EVENTS_DLQ_URL="$Q/reflector-daily-events-dlq" \
    REFLECTOR_API_KEY="$API_KEY" REFLECTOR_OPS_PASSWORD=ops SPRING_JMX_ENABLED=false
  healthy 2 "$PORT2"
  BASES+=("http://127.0.0.1:$PORT2")
fi

# the tracks, R times, where Daily would put them
S3BASE="http://127.0.0.1:$S3PORT"
REC_IDS=()
for r in $(seq 1 "$R"); do
  REC_IDS+=("$("$PY" -c 'import uuid; print(uuid.uuid4())')")
  for f in "${FILES[@]}"; do
    s3 -o /dev/null -T "$FIX/$f" "$S3BASE/$DAILY_BUCKET/benchdomain/bench-$r-20261125120000/$f" || die "upload failed"
  done
done
log "$R recordings x ${#FILES[@]} tracks uploaded"

T0=$(now)
for i in "${!REC_IDS[@]}"; do
  r=$((i + 1)); rec=${REC_IDS[$i]}
  to=${BASES[$((i % ${#BASES[@]}))]}; dup=${BASES[$(((i + 1) % ${#BASES[@]}))]}
  "$PY" - "$rec" "$r" "$REC_START_MS" "$WEBHOOK_SECRET" "$to" "$dup" "${FILES[@]}" <<'EOF'
import base64, hashlib, hmac, json, sys, time, urllib.request, uuid
rec, r, start_ms, secret, to, dup, *files = sys.argv[1:]
room = f"bench-{r}-20261125120000"
body = json.dumps({"version": "1.0.0", "type": "recording.ready-to-download", "id": f"rec-rtd-{uuid.uuid4()}",
                   "event_ts": int(time.time()), "payload": {"type": "raw-tracks", "recording_id": rec,
                   "room_name": room, "s3_key": f"benchdomain/{room}/{rec}", "start_ts": int(start_ms) // 1000,
                   "status": "finished", "tracks": [{"type": "audio", "s3Key": f"benchdomain/{room}/{f}", "size": 1}
                                                    for f in files]}}, separators=(",", ":")).encode()
for base in (to, dup):
    ts = str(int(time.time()))
    sig = base64.b64encode(hmac.new(base64.b64decode(secret), ts.encode() + b"." + body, hashlib.sha256).digest())
    req = urllib.request.Request(base + "/v1/daily/webhook", body, {"Content-Type": "application/json",
                                 "X-Webhook-Timestamp": ts, "X-Webhook-Signature": sig.decode()})
    assert urllib.request.urlopen(req).status == 200
EOF
done
log "$R webhooks sent (each twice, to both instances); waiting for every recording to complete"

declare -A DONE=()
STOPPED_AT=""
done_count=0
while [ "$done_count" -lt "$R" ]; do
  for rec in "${REC_IDS[@]}"; do
    [ -n "${DONE[$rec]:-}" ] && continue
    st=$(api "${BASES[0]}/v1/recordings/$rec" | jq -r '.status // empty')
    case $st in completed|error) DONE[$rec]="$st $(secs "$T0" "$(now)")"; done_count=$((done_count + 1))
      log "recording $rec: $st at ${DONE[$rec]#* } s" ;; esac
  done
  if [ "$STOP_MID_RUN" = 1 ] && [ -z "$STOPPED_AT" ] && [ "$INSTANCES" = 2 ] &&
     grep -q "taken from the queue" "$RUN/app2.log"; then
    STOPPED_AT=$(now); kill -TERM "${PIDS[2]}"
    ( while kill -0 "${PIDS[2]}" 2>/dev/null; do sleep 0.1; done; echo "$(secs "$STOPPED_AT" "$(now)")" >"$RUN/stop2.txt" ) &
    log "instance 2 sent SIGTERM while it runs a recording"
  fi
  [ "$(secs "$T0" "$(now)" | cut -d. -f1)" -lt "$PROCESS_TIMEOUT" ] || die "not all recordings done after $PROCESS_TIMEOUT s"
  sleep 1
done
WALL=$(secs "$T0" "$(now)")

echo "== $R recordings x ${#FILES[@]} tracks x $MINUTES min, $INSTANCES instance(s), CONCURRENT_RECORDINGS=${SLOTS:-default}"
echo "wall time to the last recording done: $WALL s"
for i in $(seq 1 "$INSTANCES"); do
  echo "instance $i took $(grep -c 'taken from the queue' "$RUN/app$i.log" || true) run(s)"
done
api "${BASES[0]}/v1/transcripts?limit=200" | jq -r --argjson ids "$(printf '%s\n' "${REC_IDS[@]}" | jq -R . | jq -s .)" \
  '[.items[] | select(.recording_id as $r | $ids | index($r))] | "runs per recording: \([.[].run] | group_by(.) | map("run \(.[0]): \(length)") | join(", ")); statuses: \([.[].status] | group_by(.) | map("\(.[0]) \(length)") | join(", "))"'
[ -f "$RUN/stop2.txt" ] && echo "instance 2 exited $(cat "$RUN/stop2.txt") s after SIGTERM mid-run; handed back: $(grep -c 'handed back to the queue' "$RUN/app2.log" || true)"
for i in $(seq "$INSTANCES" -1 1); do
  kill -0 "${PIDS[$i]}" 2>/dev/null || continue
  t=$(now); kill -TERM "${PIDS[$i]}"
  while kill -0 "${PIDS[$i]}" 2>/dev/null; do sleep 0.1; done
  echo "instance $i exited $(secs "$t" "$(now)") s after SIGTERM (idle)"
done
