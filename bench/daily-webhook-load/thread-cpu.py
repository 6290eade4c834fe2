#!/usr/bin/env python3
# usage: thread-cpu.py PID SECONDS: CPU seconds used per thread (names with digits folded) over the interval, from /proc
import os, re, sys, time, collections
pid, secs = sys.argv[1], float(sys.argv[2])
tck = os.sysconf('SC_CLK_TCK')
def snap():
    d = {}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            s = open(f'/proc/{pid}/task/{t}/stat').read()
            name = s[s.index('(')+1:s.rindex(')')]
            f = s[s.rindex(')')+2:].split()
            d[t] = (name, (int(f[11]) + int(f[12])) / tck)
        except Exception: pass
    return d
a = snap(); time.sleep(secs); b = snap()
g = collections.Counter()
for t, (name, cpu) in b.items():
    g[re.sub(r'\d+', 'N', name)] += cpu - a.get(t, (name, 0))[1]
tot = sum(g.values())
print(f"total {tot:.2f} CPU-s in {secs} s")
for k, v in g.most_common(25): print(f"  {v:7.2f}  {k}")
