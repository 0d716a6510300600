-- wrk script for bench/run.sh: counts non-2xx responses (by class, to tell a redirect from an
-- error) and, when the run is done, prints one JSON line with throughput and the latency
-- percentiles wrk's --latency does not give (p95).
-- wrk runs each thread in its own Lua state: counters are per thread and summed in done().

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  s1xx, s3xx, s4xx, s5xx = 0, 0, 0, 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if status < 200 then s1xx = s1xx + 1
    elseif status < 400 then s3xx = s3xx + 1
    elseif status < 500 then s4xx = s4xx + 1
    else s5xx = s5xx + 1 end
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  local classes = {s1xx = 0, s3xx = 0, s4xx = 0, s5xx = 0}
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
    for name, _ in pairs(classes) do
      classes[name] = classes[name] + (thread:get(name) or 0)
    end
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "bytes": %d, ' ..
    '"p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f, "max_ms": %.3f, ' ..
    '"non2xx": %d, "non2xx_by_class": {"1xx": %d, "3xx": %d, "4xx": %d, "5xx": %d}, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    non2xx_total, classes.s1xx, classes.s3xx, classes.s4xx, classes.s5xx,
    errors.connect, errors.read, errors.write, errors.timeout))
end
