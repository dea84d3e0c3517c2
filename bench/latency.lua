-- wrk script of `make bench` (bench/run.py): one page per run, a parseable summary in done().
--
-- Environment, set by bench/run.py:
--   BENCH_EXPECT     the status the page must answer (200, or 404 for the not-found page);
--                    any other status counts as an error, as do socket errors and timeouts
--   BENCH_METHOD     GET (default) or POST
--   BENCH_BODY_FILE  a file whose bytes are sent as the request body (POST pages); headers
--                    such as Cookie, Content-Type (multipart boundary) and X-CSRF-Token
--                    come on wrk's command line (-H), prepared by the page's `prepare`
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
   local f = assert(io.open(body_file, "rb"))
   wrk.body = f:read("*a")
   f:close()
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
   unexpected = 0
end

function response(status, headers, body)
   if status ~= expect then
      unexpected = unexpected + 1
   end
end

function done(summary, latency, requests)
   local unexpected_total = 0
   for _, thread in ipairs(threads) do
      unexpected_total = unexpected_total + (thread:get("unexpected") or 0)
   end
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d timeout=%d unexpected=%d\n",
      summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout,
      unexpected_total))
   io.write(string.format(
      "BENCH p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f\n",
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      latency.mean))
end
