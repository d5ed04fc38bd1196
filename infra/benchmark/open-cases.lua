-- wrk script: opens a new case per request (the server assigns the id), with a screening an hour ago.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- a first-line professional's token, from open-cases.sh (infra/nrm token first-line)
wrk.headers["Authorization"] = "Bearer " .. os.getenv("NRM_TOKEN")

local screened = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 3600)
wrk.body = '{"detectingSector":"LABOUR_INSPECTION","screenedAt":"' .. screened .. '",'
    .. '"location":{"country":"RS","municipality":"Novi Sad"},'
    .. '"dataSubject":{"givenName":"Ana","familyName":"Petrovic","ageCategory":"ADULT",'
    .. '"sex":"Feminine","citizenship":["AL"]}}'

local statuses = {}

response = function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
    io.write(string.format("opened per second: %.1f\n", summary.requests / (summary.duration / 1e6)))
    io.write(string.format("latency ms: p50 %.1f  p99 %.1f\n",
        latency:percentile(50) / 1000, latency:percentile(99) / 1000))
    io.write(string.format("non-2xx or socket errors: %d\n",
        summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout))
end
