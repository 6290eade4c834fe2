#!/usr/bin/env python3
"""Where the CPU went during a JFR recording: execution samples by thread group, by top frame, and by the first
frame of a named package (what our code, Camel, the JDBC driver, ... was doing when sampled)."""
import collections
import json
import re
import subprocess
import sys

recording = sys.argv[1]
printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                          recording], check=True, capture_output=True, text=True).stdout
events = json.loads(printed)["recording"]["events"]

def frame_name(frame):
    return frame["method"]["type"]["name"] + "." + frame["method"]["name"]

def thread_group(name):
    return re.sub(r"[-#\s]*\d+$", "", re.sub(r"\d+", "N", name))

AREAS = [("io.reflector", "our code"), ("org.postgresql", "JDBC driver"), ("com.zaxxer", "connection pool"),
         ("software.amazon", "AWS SDK (SQS client)"), ("org.elasticmq", "ElasticMQ (embedded SQS)"),
         ("org.apache.pekko", "Pekko (ElasticMQ)"), ("io.zonky", "embedded PostgreSQL"),
         ("org.apache.camel", "Camel"), ("org.apache.catalina", "Tomcat"), ("org.apache.coyote", "Tomcat"),
         ("org.apache.tomcat", "Tomcat"), ("org.springframework", "Spring"), ("com.fasterxml", "Jackson"),
         ("org.apache.http", "HTTP client"), ("io.netty", "Netty"), ("ch.qos.logback", "logging")]

by_thread, by_top, by_area = collections.Counter(), collections.Counter(), collections.Counter()
for event in events:
    values = event["values"]
    frames = (values.get("stackTrace") or {}).get("frames") or []
    by_thread[thread_group((values.get("sampledThread") or {}).get("javaName") or "?")] += 1
    if frames:
        by_top[frame_name(frames[0])] += 1
    area = "JDK / other"
    for frame in frames:
        name = frame["method"]["type"]["name"]
        hit = next((label for prefix, label in AREAS if name.startswith(prefix)), None)
        if hit:
            area = hit
            break
    by_area[area] += 1

total = max(1, len(events))
for title, counter in (("samples by thread", by_thread), ("by innermost library frame", by_area),
                       ("hottest frames", by_top)):
    print(f"== {title} ({len(events)} samples)")
    for name, count in counter.most_common(12):
        print(f"{100.0 * count / total:5.1f}%  {name}")
