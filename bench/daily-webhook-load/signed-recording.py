#!/usr/bin/env python3
"""Writes a signed Daily recording.ready-to-download webhook for tracks already in the app's S3.

Arguments: recording id, timestamp, room, recording start (ms), secret, output prefix (writes <prefix>.json and
<prefix>.sig), fixtures dir (for the track sizes), then the tracks' S3 keys.
"""
import base64, hashlib, hmac, json, os, sys, uuid

rec, ts, room, start_ms, secret, out, fix, *keys = sys.argv[1:]
body = json.dumps({"version": "1.0.0", "type": "recording.ready-to-download", "id": f"rec-rtd-{uuid.uuid4()}",
                   "event_ts": int(ts), "payload": {
                       "type": "raw-tracks", "recording_id": rec, "room_name": room,
                       "start_ts": int(start_ms) // 1000, "status": "finished",
                       "tracks": [{"type": "audio", "s3Key": k,
                                   "size": os.path.getsize(os.path.join(fix, k.rsplit("/", 1)[1]))} for k in keys]}},
                  separators=(",", ":")).encode()
with open(out + ".json", "wb") as f:
    f.write(body)
with open(out + ".sig", "w") as f:
    f.write(base64.b64encode(hmac.new(base64.b64decode(secret), ts.encode() + b"." + body, hashlib.sha256).digest()).decode())
