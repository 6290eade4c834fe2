#!/usr/bin/env bash
# daily-multitrack.sh - benchmark the Daily raw-tracks pipeline of reflector-ingest against a hand-written
# parallel ffmpeg pipeline doing the same pad + mix work.
#
#   1. fixtures:  an N-track x M-minute Daily-like meeting (../shared/fixtures/make-fixtures.sh), cached
#   2. reference: every pad command at once (one bundled ffmpeg per track), then one mix; wall time
#   3. app:       the jar on its embedded profile (fresh DATA_DIR, free ports): startup-to-healthy, upload the
#                 tracks to its S3, post a signed recording.ready-to-download webhook, wall time from the POST to
#                 recording status "completed"; JVM peak RSS (VmHWM + 0.5 s VmRSS samples), peak summed RSS of
#                 the ffmpeg children
#   4. check:     download audio.mp3 + padded tracks, run check-alignment.py against the manifest (optional)
#
# Usage: bench/daily-multitrack.sh [-n TRACKS] [-m MINUTES] [-f FIXTURES_DIR] [-j JAR] [-w WORK_ROOT]
#                                  [-T PROCESS_TIMEOUT_S] [-R] [-A] [-k]
#   -n/-m   meeting size (default 4 x 30); -f fixtures dir (default /tmp/reflector-bench/n<N>-m<M>; generated
#           when it has no manifest.json); -j jar (default target/reflector-ingest-0.1.0-SNAPSHOT.jar next to
#           this script); -w where run dirs go (default /tmp/reflector-bench); -T processing timeout (default
#           300 + 30 s per meeting minute); -R skip the reference; -A skip the alignment check; -k keep outputs.
# Env:   JAVA_OPTS (extra JVM options, e.g. "-Xmx256m"), JAVA (java binary), BUNDLED_FFMPEG (ffmpeg for the
#        reference; default: the app's bundled one in ~/.javacpp/cache), STARTUP_TIMEOUT (s, default 240).
# Only 127.0.0.1 is contacted. Needs java, curl >= 7.75 (--aws-sigv4), jq, /usr/bin/python3; fixture
# generation needs ffmpeg + espeak-ng, the alignment check python3-numpy + python3-scipy (apt-get as root).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
N=4; MINUTES=30; FIX=""; JAR="$here/../target/reflector-ingest-0.1.0-SNAPSHOT.jar"; WORK_ROOT=/tmp/reflector-bench
SIZE_GIVEN=0; PROCESS_TIMEOUT=""; RUN_REF=1; RUN_CHECK=1; KEEP=0
while getopts "n:m:f:j:w:T:RAkh" opt; do
  case $opt in
    n) N=$OPTARG; SIZE_GIVEN=1 ;; m) MINUTES=$OPTARG; SIZE_GIVEN=1 ;; f) FIX=$OPTARG ;; j) JAR=$OPTARG ;; w) WORK_ROOT=$OPTARG ;;
    T) PROCESS_TIMEOUT=$OPTARG ;; R) RUN_REF=0 ;; A) RUN_CHECK=0 ;; k) KEEP=1 ;;
    h|*) sed -n '2,24p' "$0"; exit 0 ;;
  esac
done
FIX=${FIX:-$WORK_ROOT/n${N}-m${MINUTES}}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-240}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
FIXTURES_HOME=${FIXTURES_HOME:-$(cd "$here/../.." && pwd)/shared/fixtures}
PY=/usr/bin/python3

# Development values of the embedded profile (README); the webhook secret is passed to the app explicitly.
S3_CREDS=reflector-dev:reflector-dev-secret
SIGV4="aws:amz:us-east-1:s3"
DAILY_BUCKET=reflector-dailyco-recordings
TRANSCRIPT_BUCKET=reflector-transcripts
WEBHOOK_SECRET=ZGV2LWRhaWx5LXdlYmhvb2stc2VjcmV0LTMyYnl0ZXM=
API_KEY=dev-api-key
ROOM=bench-20261125120000

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", b - a}'; }
HZ=$(getconf CLK_TCK)
# CPU seconds: busy time of the whole machine (all cores), and of one process incl. its reaped children
cpu_busy() { awk -v hz="$HZ" '/^cpu /{printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat; }
cpu_of() { sed 's/^.*) //' "/proc/$1/stat" | awk -v hz="$HZ" '{printf "%.2f", ($12 + $13 + $14 + $15) / hz}'; }
# "OURS s CPU; other processes OTHER s of AVAILABLE s" for a phase: busy and own CPU deltas over the wall time
cpu_note() {  # busy0 busy1 ours0 ours1 wall_s
  awk -v b0="$1" -v b1="$2" -v o0="$3" -v o1="$4" -v w="$5" -v n="$(nproc)" 'BEGIN{
    o = o1 - o0; x = (b1 - b0) - o; if (x < 0) x = 0
    printf "%.0f CPU-s; other processes %.0f CPU-s of %.0f available", o, x, w * n }'
}

apt_install() {  # pkg... ; only as root, only when missing
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || { log "missing packages (not root, not installing): ${missing[*]}"; return 1; }
  log "apt-get install ${missing[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

for tool in "$JAVA" curl jq "$PY"; do command -v "$tool" >/dev/null || die "$tool not found"; done
[ -f "$JAR" ] || die "jar not found: $JAR (build it, or pass -j)"

# ------------------------------------------------------------------------------------------------ run dir
mkdir -p "$WORK_ROOT"
RUN=$(mktemp -d "$WORK_ROOT/run-$(date -u +%Y%m%dT%H%M%S)-XXXX")
DATA="$RUN/app-data"
APP_PID=""; SAMPLER_PID=""
log "run dir $RUN (app log: $RUN/app.log)"

stop_app() {
  [ -n "$APP_PID" ] || return 0
  if kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the app (SIGTERM to $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 120); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$APP_PID" 2>/dev/null; then
      log "app still running 60 s after SIGTERM: SIGKILL"; kill -KILL "$APP_PID" 2>/dev/null || true
    fi
  fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  # embedded PostgreSQL runs as separate processes; anything still using our (unique) data dir is ours
  local left; left=$(pgrep -f -- "$DATA" || true)
  if [ -n "$left" ]; then
    log "processes left on $DATA after the JVM exited: $(echo $left) (killing them)"; kill -KILL $left 2>/dev/null || true
  fi
}
cleanup() {
  local rc=$?
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  stop_app
  rm -rf "$DATA"
  if [ "$KEEP" = 0 ]; then rm -rf "$RUN/ref" "$RUN/out"; fi
  [ $rc -ne 0 ] && log "exit $rc; app log and samples kept in $RUN"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Every 0.5 s, one line: elapsed s | RSS of ROOT | summed RSS of its ffmpeg/ffprobe descendants | their count |
# 1 while a mix (libmp3lame) ffmpeg runs | summed RSS of the PostgreSQL server started on DATA_PATH (it
# daemonizes, so it is not a descendant) | sum of all of these and any other descendant. RSS in kB; sums count
# shared pages once per process, so they over-estimate.
sampler() {  # ROOT_PID OUT_FILE [DATA_PATH]
  local root=$1 out=$2 data=${3:-} t0; t0=$(now)
  while kill -0 "$root" 2>/dev/null; do
    ps -e -o pid=,ppid=,rss=,comm=,args= | awk -v root="$root" -v data="$data" -v t="$(secs "$t0" "$(now)")" '
      { pid[NR]=$1; pp[$1]=$2; rss[$1]=$3; comm[$1]=$4; mix[$1]=($0 ~ /libmp3lame/)
        if (data != "" && $4 == "postgres" && index($0, data)) pg_root[$1]=1 }
      END {
        for (k in pid) { p = pid[k]; q = p; under = ""
          while (q != "" && q > 1) { if (q == root) { under = "app"; break } if (q in pg_root) { under = "pg"; break } q = pp[q] }
          if (under == "") continue
          tree += rss[p]
          if (under == "pg") pg += rss[p]
          else if (p == root) self = rss[p]
          else if (comm[p] == "ffmpeg" || comm[p] == "ffprobe") { ff += rss[p]; n++; if (mix[p]) m = 1 }
        }
        printf "%s %d %d %d %d %d %d\n", t, self, ff, n, m, pg, tree
      }' >>"$out"
    sleep 0.5
  done
}
peak() { awk -v c="$2" 'BEGIN{m=0} $c>m{m=$c} END{printf "%.0f", m/1024}' "$1"; }  # FILE COLUMN -> MB

# ------------------------------------------------------------------------------------------------ 1. fixtures
if [ -f "$FIX/manifest.json" ]; then
  log "fixtures: reusing $FIX"
else
  log "fixtures: generating $N x $MINUTES min into $FIX (takes minutes for long meetings)"
  apt_install ffmpeg espeak-ng python3 || die "fixture generation needs ffmpeg, espeak-ng, python3"
  t=$(now)
  "$FIXTURES_HOME/make-fixtures.sh" -n "$N" -m "$MINUTES" -o "$FIX" >"$RUN/fixtures.log" 2>&1 ||
    { tail -20 "$RUN/fixtures.log" >&2; rm -f "$FIX/manifest.json"; die "fixture generation failed"; }
  log "fixtures: generated in $(secs "$t" "$(now)") s"
fi
mapfile -t FILES < <(jq -r '.tracks[].file' "$FIX/manifest.json")
REC_START_MS=$(jq -r '.recording_start_ms' "$FIX/manifest.json")
EXPECTED_S=$(jq -r '.expected_mix_duration_s' "$FIX/manifest.json")
if [ "$SIZE_GIVEN" = 1 ] &&
   ! jq -e --argjson n "$N" --argjson m "$MINUTES" '.generator.tracks == $n and .generator.minutes == $m' \
     "$FIX/manifest.json" >/dev/null; then
  die "$FIX holds a $(jq -r '"\(.generator.tracks) x \(.generator.minutes)"' "$FIX/manifest.json") min meeting, not $N x $MINUTES"
fi
N=${#FILES[@]}; MINUTES=$(jq -r '.generator.minutes' "$FIX/manifest.json")
PROCESS_TIMEOUT=${PROCESS_TIMEOUT:-$(awk -v m="$MINUTES" 'BEGIN{printf "%d", 300 + 30 * m}')}
for f in "${FILES[@]}"; do [ -f "$FIX/$f" ] || die "fixture track missing: $FIX/$f"; done
log "meeting: ${#FILES[@]} tracks, expected mix ${EXPECTED_S} s, $(du -ch "${FILES[@]/#/$FIX/}" | tail -1 | cut -f1)"

# ------------------------------------------------------------------------------------------------ helpers: app
free_ports() {  # count -> distinct free 127.0.0.1 ports
  "$PY" - "$1" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}
bundled_ffmpeg() {
  if [ -n "${BUNDLED_FFMPEG:-}" ]; then echo "$BUNDLED_FFMPEG"; return; fi
  { ls -1 "$HOME"/.javacpp/cache/ffmpeg-*/org/bytedeco/ffmpeg/linux-*/ffmpeg 2>/dev/null || true; } | sort -V | tail -1
}
s3() {  # curl args... against the embedded S3 (SigV4, path-style)
  # curl 7.x does not send x-amz-content-sha256, which S3Proxy requires (it answers 500 without it)
  curl -sSf --aws-sigv4 "$SIGV4" --user "$S3_CREDS" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"
}
api() { curl -sS -H "Authorization: Bearer $API_KEY" "$@"; }

# ------------------------------------------------------------------------------------------------ 2. reference
run_reference() {
  local ff=$1 out="$RUN/ref" i pids=() t0 t1 t2 rc=0
  mkdir -p "$out"
  log "reference: ${#FILES[@]} pads in parallel + 1 mix with $ff"
  : >"$RUN/ref-samples.txt"
  ( sampler $$ "$RUN/ref-samples.txt" ) & SAMPLER_PID=$!
  local busy0 ours0; busy0=$(cpu_busy); ours0=$(cpu_of $$)
  t0=$(now)
  for i in "${!FILES[@]}"; do
    "$ff" -nostdin -nostats -loglevel error -y -copyts -i "$FIX/${FILES[$i]}" -map 0:a:0 \
      -af aresample=async=1:min_hard_comp=0.015:first_pts=0 -ar 48000 -ac 2 -c:a libopus -b:a 128k \
      -f webm "$out/padded_$i.webm" & pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || rc=$?; done
  [ $rc -eq 0 ] || die "reference pad failed (exit $rc)"
  t1=$(now)
  local inputs=() n=${#FILES[@]}
  for i in "${!FILES[@]}"; do inputs+=(-i "$out/padded_$i.webm"); done
  "$ff" -nostdin -nostats -loglevel error -y "${inputs[@]}" \
    -filter_complex "amix=inputs=$n:normalize=0:duration=longest[mix]" -map "[mix]" \
    -ar 48000 -ac 2 -c:a libmp3lame -b:a 128k -f mp3 "$out/audio.mp3" || die "reference mix failed"
  t2=$(now)
  REF_CPU=$(cpu_note "$busy0" "$(cpu_busy)" "$ours0" "$(cpu_of $$)" "$(secs "$t0" "$t2")")
  kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  REF_PAD=$(secs "$t0" "$t1"); REF_MIX=$(secs "$t1" "$t2"); REF_WALL=$(secs "$t0" "$t2")
  REF_FF_RSS=$(peak "$RUN/ref-samples.txt" 3)
  log "reference: pad ${REF_PAD} s + mix ${REF_MIX} s = ${REF_WALL} s; ffmpeg peak RSS ${REF_FF_RSS} MB; ffmpeg $REF_CPU"
}

# ------------------------------------------------------------------------------------------------ 3. app
run_app() {
  local ports port s3port sqsport pgport t0 t1 status body i
  read -r port s3port sqsport pgport <<<"$(free_ports 4)"
  mkdir -p "$DATA"
  log "app: starting $(basename "$JAR") (PORT=$port S3=$s3port SQS=$sqsport PG=$pgport JAVA_OPTS='$JAVA_OPTS')"
  local busy0 busy1; busy0=$(cpu_busy)
  t0=$(now)
  # cwd = the run dir, so no ./config of a checkout is picked up; cloud settings are cleared
  # shellcheck disable=SC2086
  ( cd "$RUN" && exec env -u DATABASE_URL -u TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL -u AWS_SQS_ENDPOINT_URL \
      -u FFMPEG_PATH -u FFPROBE_PATH -u DAILY_API_KEY -u TRACK_PARALLELISM \
      SPRING_PROFILES_ACTIVE=embedded DATA_DIR="$DATA" PORT="$port" EMBEDDED_S3_PORT="$s3port" \
      EMBEDDED_SQS_PORT="$sqsport" EMBEDDED_POSTGRES_PORT="$pgport" DAILY_WEBHOOK_SECRET="$WEBHOOK_SECRET" \
      "$JAVA" $JAVA_OPTS -jar "$JAR" ) >"$RUN/app.log" 2>&1 &
  APP_PID=$!
  local base="http://127.0.0.1:$port" s3base="http://127.0.0.1:$s3port"
  # health with details (ops login); the last answer that was not UP is kept to see what startup waited for
  until curl -s -u ops:ops -o "$RUN/health.json" "$base/actuator/health" 2>/dev/null &&
        jq -e '.status == "UP"' "$RUN/health.json" >/dev/null 2>&1; do
    [ -s "$RUN/health.json" ] && mv "$RUN/health.json" "$RUN/health-before-up.json"
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$RUN/app.log" >&2; die "app exited during startup"; }
    [ "$(secs "$t0" "$(now)" | cut -d. -f1)" -lt "$STARTUP_TIMEOUT" ] ||
      { tail -40 "$RUN/app.log" >&2; curl -s "$base/actuator/health" >&2 || true; die "app not UP after ${STARTUP_TIMEOUT} s"; }
    sleep 0.25
  done
  APP_STARTUP=$(secs "$t0" "$(now)")
  STARTUP_CPU=$(cpu_note "$busy0" "$(cpu_busy)" 0 "$(cpu_of "$APP_PID")" "$APP_STARTUP")
  APP_FFMPEG=$(grep -o 'Using [^ ]*ffmpeg[^ ]* (ffmpeg version [^ ]*' "$RUN/app.log" | head -1 || true)
  log "app: healthy after ${APP_STARTUP} s ($STARTUP_CPU); ${APP_FFMPEG:-ffmpeg line not found in log}"
  STARTUP_HWM=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$APP_PID/status")

  # upload the tracks where Daily would put them
  local keys=() t
  t=$(now)
  for i in "${!FILES[@]}"; do
    keys+=("benchdomain/$ROOM/${FILES[$i]}")
    s3 -o /dev/null -T "$FIX/${FILES[$i]}" "$s3base/$DAILY_BUCKET/${keys[$i]}" || die "S3 upload of ${FILES[$i]} failed"
  done
  for i in "${!keys[@]}"; do
    s3 -o /dev/null -I "$s3base/$DAILY_BUCKET/${keys[$i]}" || die "uploaded object not found: ${keys[$i]}"
  done
  log "app: ${#keys[@]} tracks uploaded in $(secs "$t" "$(now)") s"

  # the signed recording.ready-to-download webhook
  REC_ID=$("$PY" -c 'import uuid; print(uuid.uuid4())')
  local ts; ts=$(date +%s)
  "$PY" - "$REC_ID" "$ts" "$ROOM" "$REC_START_MS" "$WEBHOOK_SECRET" "$RUN/webhook" "$FIX" "${keys[@]}" <<'EOF'
import base64, hashlib, hmac, json, os, sys, uuid
rec, ts, room, rec_start_ms, secret, out, fix, *keys = sys.argv[1:]
body = json.dumps({"version": "1.0.0", "type": "recording.ready-to-download", "id": f"rec-rtd-{uuid.uuid4()}",
                   "event_ts": int(ts), "payload": {
                       "type": "raw-tracks", "recording_id": rec, "room_name": room,
                       "start_ts": int(rec_start_ms) // 1000, "status": "finished",
                       "tracks": [{"type": "audio", "s3Key": k, "size": os.path.getsize(os.path.join(fix, k.rsplit("/", 1)[1]))}
                                  for k in keys]}}, separators=(",", ":")).encode()
sig = base64.b64encode(hmac.new(base64.b64decode(secret), ts.encode() + b"." + body, hashlib.sha256).digest())
open(out + ".json", "wb").write(body)
open(out + ".sig", "w").write(sig.decode())
EOF
  : >"$RUN/app-samples.txt"
  ( sampler "$APP_PID" "$RUN/app-samples.txt" "$DATA" ) & SAMPLER_PID=$!
  local ours0; busy0=$(cpu_busy); ours0=$(cpu_of "$APP_PID")
  t1=$(now)
  local code
  code=$(curl -sS -o "$RUN/webhook.response" -w '%{http_code}' -X POST "$base/v1/daily/webhook" \
    -H 'Content-Type: application/json' -H "X-Webhook-Timestamp: $ts" \
    -H "X-Webhook-Signature: $(cat "$RUN/webhook.sig")" --data-binary @"$RUN/webhook.json")
  [ "$code" = 200 ] || die "webhook answered $code: $(cat "$RUN/webhook.response")"
  log "app: webhook accepted (recording $REC_ID); waiting for status completed (timeout ${PROCESS_TIMEOUT} s)"

  status=""
  while :; do
    body=$(api "$base/v1/recordings/$REC_ID" 2>/dev/null || true)
    status=$(jq -r '.status // empty' <<<"$body" 2>/dev/null || true)
    case $status in completed|error) break ;; esac
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$RUN/app.log" >&2; die "app exited while processing"; }
    [ "$(secs "$t1" "$(now)" | cut -d. -f1)" -lt "$PROCESS_TIMEOUT" ] ||
      { tail -40 "$RUN/app.log" >&2; die "recording not done after ${PROCESS_TIMEOUT} s (status '${status:-none}')"; }
    sleep 0.25
  done
  APP_WALL=$(secs "$t1" "$(now)")
  APP_CPU=$(cpu_note "$busy0" "$(cpu_busy)" "$ours0" "$(cpu_of "$APP_PID")" "$APP_WALL")
  APP_HWM=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$APP_PID/status")
  kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  APP_RSS_PEAK=$(peak "$RUN/app-samples.txt" 2)
  APP_FF_RSS=$(peak "$RUN/app-samples.txt" 3)
  APP_PG_RSS=$(peak "$RUN/app-samples.txt" 6)
  APP_TREE_RSS=$(peak "$RUN/app-samples.txt" 7)
  # phases seen by the sampler (0.5 s resolution): webhook -> first ffmpeg, -> first mix ffmpeg, -> last mix ffmpeg
  read -r FIRST_FF FIRST_MIX LAST_MIX < <(awk '$4>0 && f=="" {f=$1} $5==1 {if (m=="") m=$1; l=$1}
    END {print (f==""?"-":f), (m==""?"-":m), (l==""?"-":l)}' "$RUN/app-samples.txt")
  [ "$status" = completed ] || { grep -E 'WARN|ERROR' "$RUN/app.log" | tail -20 >&2;
    die "recording ended in status $status: $(jq -r '.error_msg' <<<"$body")"; }
  log "app: completed after ${APP_WALL} s ($APP_CPU); JVM VmHWM ${APP_HWM} MB, sampled RSS peak ${APP_RSS_PEAK} MB, ffmpeg peak ${APP_FF_RSS} MB"

  TRANSCRIPT=$(api "$base/v1/transcripts?status=ended&limit=1000" |
    jq -c --arg r "$REC_ID" '[.[] | select(.recording_id == $r)][0] | {id, duration_ms, audio_key, waveform_key, participants: (.participants | length)}')
  TID=$(jq -r '.id' <<<"$TRANSCRIPT")
  [ -n "$TID" ] && [ "$TID" != null ] || die "no ended transcript for recording $REC_ID"
  log "app: transcript $TRANSCRIPT"

  if [ "$RUN_CHECK" = 1 ]; then
    mkdir -p "$RUN/out"
    s3 -o "$RUN/out/audio.mp3" "$s3base/$TRANSCRIPT_BUCKET/$TID/audio.mp3" || die "cannot download audio.mp3"
    for i in "${!FILES[@]}"; do
      s3 -o "$RUN/out/padded_$i.webm" "$s3base/$TRANSCRIPT_BUCKET/$TID/tracks/padded_$i.webm" ||
        die "cannot download padded_$i.webm"
    done
  fi
  # read late: health can turn UP a moment before Spring Boot logs this line
  SPRING_STARTED=$(grep -o 'Started Application in [0-9.]* seconds' "$RUN/app.log" | grep -o '[0-9.]*' | head -1 || true)
  stop_app
  rm -rf "$DATA"
}

# ------------------------------------------------------------------------------------------------ run
REF_WALL=""; REF_PAD=""; REF_MIX=""; REF_FF_RSS=""; REF_CPU=""
FF=$(bundled_ffmpeg)
if [ "$RUN_REF" = 1 ] && [ -x "$FF" ]; then run_reference "$FF"; fi
run_app
if [ "$RUN_REF" = 1 ] && [ -z "$REF_WALL" ]; then   # first start of the app extracted the bundled ffmpeg
  FF=$(bundled_ffmpeg); [ -x "$FF" ] || die "bundled ffmpeg not found under ~/.javacpp/cache (set BUNDLED_FFMPEG)"
  run_reference "$FF"
fi

ALIGN="skipped"
if [ "$RUN_CHECK" = 1 ]; then
  if apt_install python3-numpy python3-scipy; then
    log "alignment: check-alignment.py on the app's audio.mp3 and padded tracks"
    if "$PY" "$FIXTURES_HOME/check-alignment.py" "$FIX/manifest.json" --mix "$RUN/out/audio.mp3" \
        --padded "$RUN/out/padded_{i}.webm" --json "$RUN/alignment.json" >"$RUN/alignment.txt" 2>&1; then
      ALIGN="PASS"
    else
      ALIGN="FAIL"
    fi
    cat "$RUN/alignment.txt"
  else
    ALIGN="skipped (python3-numpy/python3-scipy missing)"
  fi
fi

ratio=$([ -n "$REF_WALL" ] && awk -v a="$APP_WALL" -v r="$REF_WALL" 'BEGIN{printf "%.2f", a / r}' || echo "-")
cpu_ratio=$([ -n "$REF_CPU" ] && awk -v a="${APP_CPU%% *}" -v r="${REF_CPU%% *}" 'BEGIN{printf "%.2f", a / r}' || echo "-")
cat <<EOF

=== reflector-ingest Daily multitrack benchmark ($(date -u +%FT%TZ), $(nproc) cores) ===
meeting               ${#FILES[@]} tracks x ${MINUTES} min ($FIX), expected mix ${EXPECTED_S} s
jar                   $JAR
JAVA_OPTS             ${JAVA_OPTS:-(none)}
reference wall        ${REF_WALL:--} s   (pad ${REF_PAD:--} s in parallel + mix ${REF_MIX:--} s; ffmpeg peak RSS ${REF_FF_RSS:--} MB)
app wall              ${APP_WALL} s   (webhook POST -> recording completed; first ffmpeg at ${FIRST_FF} s, mix ${FIRST_MIX}..${LAST_MIX} s)
ratio app/reference   ${ratio}   (goal <= 1.2 on 2 cores)   CPU-s ratio ${cpu_ratio} (less sensitive to other load)
CPU                   reference: ffmpeg ${REF_CPU:--}
                      app:       JVM + children ${APP_CPU}
                      startup:   JVM ${STARTUP_CPU}
                      (wall times are only comparable when "other processes" is near 0; PostgreSQL counts as other)
JVM peak RSS          VmHWM ${APP_HWM} MB (${STARTUP_HWM} MB when healthy); sampled VmRSS peak while processing ${APP_RSS_PEAK} MB   (goal < 512 MB)
ffmpeg peak RSS       ${APP_FF_RSS} MB summed over concurrent ffmpeg children
PostgreSQL peak RSS   ${APP_PG_RSS} MB summed over its processes (outside the JVM)
everything peak       ${APP_TREE_RSS} MB (JVM + ffmpeg + PostgreSQL at the same sample; shared pages counted per process)
startup to healthy    ${APP_STARTUP} s   (Spring Boot logged "Started Application in ${SPRING_STARTED:-?} seconds")
transcript            ${TRANSCRIPT}
alignment             ${ALIGN}
run dir               $RUN (app.log, *-samples.txt)
EOF
