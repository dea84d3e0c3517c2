-- wrk script of `make bench` (bench/run.py): one page per run, a parseable summary in done().
--
-- Environment, set by bench/run.py:
--   BENCH_EXPECT         the status the page must answer (200, 302 after a login, 404 for the
--                        not-found page); any other status counts as an error, as do socket
--                        errors and timeouts
--   BENCH_REQUESTS_FILE  prepared requests (bench/prepared.py: "<length>\n<raw HTTP request>"
--                        each), for pages that log in or POST: each carries its own session
--                        cookie, CSRF token and body. They are sent in turn; thread k of n
--                        (BENCH_THREADS = n, wrk's -t) starts at request k and steps by n,
--                        so two threads never send the same request at the same turn.
--                        Without it, wrk's own GET of the URL is sent.
local requests_file = os.getenv("BENCH_REQUESTS_FILE")
local prepared = nil

-- Split "<length>\n<bytes>" records (read_requests_file in bench/prepared.py does the same).
function read_requests(data)
   local found, pos = {}, 1
   while pos <= #data do
      local nl = assert(data:find("\n", pos, true), "bad requests file")
      local length = tonumber(data:sub(pos, nl - 1))
      table.insert(found, data:sub(nl + 1, nl + length))
      pos = nl + 1 + length
   end
   return found
end

if requests_file and requests_file ~= "" then
   local f = assert(io.open(requests_file, "rb"))
   prepared = read_requests(f:read("*a"))
   f:close()
   assert(#prepared > 0, "no prepared requests")
end

local threads = {}

function setup(thread)
   thread:set("thread_index", #threads)
   table.insert(threads, thread)
end

function init(args)
   expect = tonumber(os.getenv("BENCH_EXPECT") or "200")
   unexpected = 0
   turn = thread_index or 0
   thread_count = tonumber(os.getenv("BENCH_THREADS") or "1")
end

if prepared then
   function request()
      local r = prepared[(turn % #prepared) + 1]
      turn = turn + thread_count
      return r
   end
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
