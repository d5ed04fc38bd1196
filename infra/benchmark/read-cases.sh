#!/usr/bin/env bash
# Case-list pages read per second by concurrent clients reading overlapping pages (every page shown is
# recorded in the read log), through the gateway of a platform that is already running (`infra/nrm up`, with
# the same NRM_* environment). Prints pages per second, the count of 5xx answers and latency percentiles.
#   infra/benchmark/read-cases.sh [clients, default 8] [seconds, default 60]
# Opens cases first (as the first-line token's organisation) until that organisation lists at least 100.
# Its one token sends far more than a client may by default (1200 a minute at the gateway): start the platform
# with the limit raised, e.g. `NRM_GATEWAY_RATELIMITS_PERCLIENT_REQUESTS=100000000 infra/nrm up`, or the pages
# over it are answered 429 (README, "Rate limits").
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
clients=${1:-8}
seconds=${2:-60}

if ! command -v wrk >/dev/null; then
    echo "Installing wrk (Debian package) ..."
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q wrk
fi

gateway="http://127.0.0.1:${NRM_GATEWAY_PORT:-8080}"
# tokens live 10 minutes: enough for a run of up to about 9 minutes
NRM_TOKEN=$("$repo/infra/nrm" token first-line)
export NRM_TOKEN

listed=$(curl -sf -H "Authorization: Bearer $NRM_TOKEN" "$gateway/api/cases?size=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
screened=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)
if (( listed < 100 )); then
    echo "Opening $((100 - listed)) cases to read ..."
    for _ in $(seq $((100 - listed))); do
        curl -sf -o /dev/null -X POST -H "Authorization: Bearer $NRM_TOKEN" -H "Content-Type: application/json" \
            -d '{"detectingSector":"LABOUR_INSPECTION","screenedAt":"'"$screened"'","location":{"country":"RS","municipality":"Novi Sad"},"dataSubject":{"givenName":"Ana","familyName":"Petrovic","ageCategory":"ADULT","sex":"Feminine","citizenship":["AL"]}}' \
            "$gateway/api/cases"
    done
    # the list is a view: wait until it shows them
    for _ in $(seq 60); do
        listed=$(curl -sf -H "Authorization: Bearer $NRM_TOKEN" "$gateway/api/cases?size=1" \
            | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
        (( listed >= 100 )) && break
        sleep 1
    done
fi

# warm up the JIT and the connection pools before measuring
wrk -t1 -c"$clients" -d10s -s "$repo/infra/benchmark/read-cases.lua" "$gateway" >/dev/null
threads=$(( clients < 2 ? clients : 2 ))
echo "== $clients clients reading overlapping case-list pages for ${seconds}s ($gateway, $listed cases listed)"
wrk -t"$threads" -c"$clients" -d"${seconds}s" --timeout 30s -s "$repo/infra/benchmark/read-cases.lua" "$gateway" \
    | grep -E "pages per second|5xx|latency ms"
