-- wrk script: every request is a distinct, correctly signed Daily webhook read from BENCH_REQUESTS
-- (signed-events.py). Thread n of N sends lines n, n+N, n+2N, ... so no two requests repeat an event;
-- a thread that runs out wraps around and says so at the end (those repeats are answered 200 and ignored).
local threads = {}
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
end

function init(args)
   requests = {}
   wrapped = 0
   local line_number = 0
   for line in io.lines(os.getenv("BENCH_REQUESTS")) do
      if line_number % thread_count == index then
         local timestamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
         table.insert(requests, wrk.format("POST", "/v1/daily/webhook", {
            ["Content-Type"] = "application/json",
            ["X-Webhook-Timestamp"] = timestamp,
            ["X-Webhook-Signature"] = signature,
         }, body))
      end
      line_number = line_number + 1
   end
   next_request = 0
end

function request()
   next_request = next_request + 1
   if next_request > #requests then
      next_request = 1
      wrapped = wrapped + 1
   end
   return requests[next_request]
end

function done(summary, latency, requests)
   for _, thread in ipairs(threads) do
      if thread:get("wrapped") > 0 then
         io.write("WARNING: a thread ran out of distinct events; generate more (BENCH_EVENTS)\n")
      end
   end
   io.write(string.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000))
end
