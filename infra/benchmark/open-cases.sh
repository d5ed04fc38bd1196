#!/usr/bin/env bash
# Cases opened per second, through the gateway and directly against case-service, in one run; then, at one
# client, the p50 of a GET and of a case opening with and without the gateway, and the p50/p99 of each step of
# a case opening from the services' own histograms (case-opening-steps.py). NRM_BENCHMARK_WARMUP: seconds of
# warm-up per path [60].
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
lua="$repo/infra/benchmark/open-cases.lua"
# warm up until the JIT has compiled the hot paths of both (a reactive gateway keeps compiling for a minute and
# more; 15 s left it at twice its steady cost per request): through the gateway warms the service too
warmup=${NRM_BENCHMARK_WARMUP:-60}
echo "Warming up (${warmup} s through the gateway, then ${warmup} s directly) ..."
wrk -t1 -c"$connections" -d"${warmup}s" -s "$lua" "$gateway/api/cases" >/dev/null
wrk -t1 -c"$connections" -d"${warmup}s" -s "$lua" "$service/api/cases" >/dev/null

measure() {
    local name=$1 url=$2
    echo "== $name ($url, $connections connections, ${seconds}s)"
    wrk -t2 -c"$connections" -d"${seconds}s" -s "$lua" "$url/api/cases" \
        | grep -E "opened per second|latency ms|non-2xx"
}
measure "through the gateway" "$gateway"
measure "directly against case-service" "$service"

echo "== one client, p50 (ms): what the gateway adds"
one_get() { wrk -t1 -c1 -d"${seconds}s" --latency -H "Authorization: Bearer $NRM_TOKEN" "$1/api/indicator-sets" \
    | awk '$1 == "50%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } \
        else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
one_post() { wrk -t1 -c1 -d"${seconds}s" -s "$lua" "$1/api/cases" | awk '/latency ms/ { print $4 }'; }
get_gateway=$(one_get "$gateway"); get_service=$(one_get "$service")
post_service=$(one_post "$service")
management="http://127.0.0.1:$NRM_GATEWAY_MANAGEMENT_PORT"
curl -fsS "$management/actuator/prometheus" >"$work/gateway-before.txt"
curl -fsS "$service/actuator/prometheus" >"$work/case-before.txt"
post_gateway=$(one_post "$gateway")
curl -fsS "$management/actuator/prometheus" >"$work/gateway-after.txt"
curl -fsS "$service/actuator/prometheus" >"$work/case-after.txt"
printf '%-34s %8s %8s %8s\n' "" direct gateway added
printf '%-34s %8s %8s %8.2f\n' "GET /api/indicator-sets" "$get_service" "$get_gateway" "$(echo "$get_gateway - $get_service" | bc -l)"
printf '%-34s %8s %8s %8.2f\n' "POST /api/cases (opens a case)" "$post_service" "$post_gateway" "$(echo "$post_gateway - $post_service" | bc -l)"

echo "== each step of a case opening (one client through the gateway, the last ${seconds}s)"
python3 "$repo/infra/benchmark/case-opening-steps.py" "$work/gateway-before.txt" "$work/case-before.txt" \
    "$work/gateway-after.txt" "$work/case-after.txt"
