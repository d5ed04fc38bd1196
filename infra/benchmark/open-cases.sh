#!/usr/bin/env bash
# Cases opened per second, through the gateway and directly against case-service, in one run.
# Starts its own platform (embedded store, free ports, a temporary data directory) and stops it after.
#   infra/benchmark/open-cases.sh [seconds per measurement, default 20] [connections, default 4]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-20}
connections=${2:-4}

if ! command -v wrk >/dev/null; then
    echo "Installing wrk (Debian package) ..."
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -q && $sudo_cmd apt-get install -y -q wrk
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
export NRM_DATA_DIR="$work/nrm-data" NRM_STORE_PORT=$(free_port) NRM_GATEWAY_PORT=$(free_port) \
    NRM_CASE_PORT=$(free_port) NRM_REFERRAL_PORT=$(free_port) NRM_IDENTITY_PORT=$(free_port) \
    NRM_GATEWAY_MANAGEMENT_PORT=$(free_port)
unset NRM_STORE_URI
# the benchmark's one token sends far more than a client may by default (1200 a minute): limits stay on, so their
# cost is measured, but high enough never to refuse (README, "Rate limits")
export NRM_GATEWAY_RATELIMITS_PERCLIENT_REQUESTS=100000000
trap '"$repo/infra/nrm" down >/dev/null; rm -rf "$work"' EXIT
"$repo/infra/nrm" up | grep -E "ready|is up"
# tokens live 10 minutes: enough for both measurements
NRM_TOKEN=$("$repo/infra/nrm" token first-line)
export NRM_TOKEN

gateway="http://127.0.0.1:$NRM_GATEWAY_PORT"
service="http://127.0.0.1:$NRM_CASE_PORT"
# warm up the JIT and the connection pools of both paths before measuring either (through the gateway
# warms the service too), so that neither measurement pays for the other's warm-up
for url in "$gateway" "$service"; do
    wrk -t1 -c"$connections" -d15s -s "$repo/infra/benchmark/open-cases.lua" "$url/api/cases" >/dev/null
done

measure() {
    local name=$1 url=$2
    echo "== $name ($url, $connections connections, ${seconds}s)"
    wrk -t2 -c"$connections" -d"${seconds}s" -s "$repo/infra/benchmark/open-cases.lua" "$url/api/cases" \
        | grep -E "opened per second|latency ms|non-2xx"
}
measure "through the gateway" "$gateway"
measure "directly against case-service" "$service"
