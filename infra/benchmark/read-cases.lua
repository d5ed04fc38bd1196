-- wrk script: reads case-list pages that overlap (the first 30 cases are on most of them), so that
-- concurrent clients show the same cases at the same time. Every request is one list page.
wrk.method = "GET"
-- a first-line professional's token, from read-cases.sh (infra/nrm token first-line)
wrk.headers["Authorization"] = "Bearer " .. os.getenv("NRM_TOKEN")

local pages = { "page=0&size=20", "page=1&size=10", "page=0&size=30", "page=2&size=10", "page=1&size=20" }
local threads = {}

setup = function(thread)
    table.insert(threads, thread)
end

init = function(args)
    next_page = 0
    server_errors = 0
    other_errors = 0
end

request = function()
    next_page = next_page + 1
    return wrk.format(nil, "/api/cases?" .. pages[(next_page % #pages) + 1])
end

response = function(status, headers, body)
    if status >= 500 then
        server_errors = server_errors + 1
    elseif status ~= 200 then
        other_errors = other_errors + 1
    end
end

done = function(summary, latency, requests)
    local five, other = 0, 0
    for _, thread in ipairs(threads) do
        five = five + thread:get("server_errors")
        other = other + thread:get("other_errors")
    end
    io.write(string.format("pages per second: %.1f (%d pages in %.1f s)\n",
        summary.requests / (summary.duration / 1e6), summary.requests, summary.duration / 1e6))
    io.write(string.format("5xx: %d  other non-200: %d  socket errors: %d\n", five, other,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
    io.write(string.format("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000))
end
