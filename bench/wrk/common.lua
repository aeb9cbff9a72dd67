-- Shared by the wrk scripts of bench/server-bench.sh: each thread gets an id (for splitting token files by the
-- thread count, WRK_THREADS), statuses are counted per thread, and done() prints one machine-readable RESULT line.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function count_status(status)
  statuses[status] = (statuses[status] or 0) + 1
end

-- the lines of a file that belong to this thread (line i goes to thread i mod WRK_THREADS). The thread count comes
-- from the environment: wrk runs each thread's init() right after that thread's setup(), before the next thread
-- exists, so counting threads in setup() told thread 0 it was alone, and it took every line (the bench's refresh
-- runs presented half their tokens twice, and measured the concurrent-refresh path as if it were the common one).
function my_lines(path)
  local nthreads = tonumber(os.getenv("WRK_THREADS") or "")
  if not nthreads then error("WRK_THREADS is not set: export it as wrk's -t (bench/lib.sh does)") end
  local mine, i = {}, 0
  for line in io.lines(path) do
    if #line > 0 then
      if i % nthreads == tid then table.insert(mine, line) end
      i = i + 1
    end
  end
  return mine
end

function done(summary, latency, requests)
  local all, bad = {}, 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses") or {}) do all[k] = (all[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(all) do
    table.insert(parts, k .. ":" .. v)
    if k < 200 or k > 299 then bad = bad + v end
  end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d statuses=%s\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad, e.connect + e.read + e.write + e.timeout, table.concat(parts, ",")))
end
