#!/usr/bin/env python3
"""Writes distinct, correctly signed Daily participant.joined webhooks, one request a line, for wrk.

Line format (tab-separated): X-Webhook-Timestamp, X-Webhook-Signature, raw body. The signature is Daily's:
Base64(HMAC-SHA256(Base64-decoded secret, "<timestamp>.<raw body>")), as daily/DailySignatureVerifier checks it.
"""
import argparse
import base64
import hashlib
import hmac
import time

parser = argparse.ArgumentParser()
parser.add_argument("--count", type=int, required=True)
parser.add_argument("--room", required=True, help="Daily room name prefix: event i joins room <room>-<i mod rooms>")
parser.add_argument("--rooms", type=int, default=1, help="how many meetings the events are spread over")
parser.add_argument("--run", required=True, help="tag in every event id, so a run's rows can be counted")
parser.add_argument("--secret", default="ZGV2LWRhaWx5LXdlYmhvb2stc2VjcmV0LTMyYnl0ZXM=", help="DAILY_WEBHOOK_SECRET")
parser.add_argument("--out", required=True)
args = parser.parse_args()

key = base64.b64decode(args.secret)
timestamp = str(int(time.time()))
joined_at = int(time.time()) - 60
with open(args.out, "w", encoding="utf-8") as out:
    for i in range(args.count):
        body = ('{"version":"1.0.0","type":"participant.joined","id":"bench-%s-%d",'
                '"payload":{"room":"%s","session_id":"bench-%s-session-%d","user_id":"user-%d",'
                '"user_name":"Bench %d","joined_at":%d.%03d},"event_ts":%s.5}'
                % (args.run, i, "%s-%d" % (args.room, i % args.rooms), args.run, i, i, i, joined_at, i % 1000, timestamp))
        mac = hmac.new(key, (timestamp + "." + body).encode("utf-8"), hashlib.sha256).digest()
        out.write("%s\t%s\t%s\n" % (timestamp, base64.b64encode(mac).decode("ascii"), body))
