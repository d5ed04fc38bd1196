#!/usr/bin/env bash
# Checks the platform's monitoring against a platform running locally (`infra/nrm up`):
#   1. installs Debian's `prometheus` package (prometheus, promtool) if missing;
#   2. checks the alert rules (promtool check rules, promtool test rules) and a scrape configuration for the
#      local platform (promtool check config);
#   3. sends a little traffic through the gateway (a refused sign-in, and infra/demo/walkthrough.sh: a case
#      to identification and a referral to acceptance) so that every series exists;
#   4. starts prometheus on 127.0.0.1 on a free port, waits until every target is up and the rules are loaded,
#      and asks the HTTP API for the series operators rely on;
#   5. prints what it checked, stops prometheus and removes its data. Exit status 0 only if all passed.
# Ports come from the same variables as infra/nrm (NRM_CASE_PORT, NRM_REFERRAL_PORT, NRM_IDENTITY_PORT,
# NRM_GATEWAY_PORT, NRM_GATEWAY_MANAGEMENT_PORT). NRM_CHECK_TRAFFIC=0 skips step 3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

case_port=${NRM_CASE_PORT:-8081}
referral_port=${NRM_REFERRAL_PORT:-8082}
identity_port=${NRM_IDENTITY_PORT:-8083}
gateway_port=${NRM_GATEWAY_PORT:-8080}
gateway_management_port=${NRM_GATEWAY_MANAGEMENT_PORT:-8084}

failures=0
pass() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }

if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
    echo "Installing prometheus (Debian package) ..."
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus
fi
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed (reads the API's JSON)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
prometheus_pid=""
cleanup() {
    if [[ -n "$prometheus_pid" ]] && kill -0 "$prometheus_pid" 2>/dev/null; then
        kill "$prometheus_pid" && wait "$prometheus_pid" 2>/dev/null || true
        echo "prometheus (pid $prometheus_pid) stopped"
    fi
    rm -rf "$work"
}
trap cleanup EXIT

cp "$here/prometheus/alerts.yml" "$here/prometheus/alerts-test.yml" "$work/"
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files: [alerts.yml]
scrape_configs:
  - job_name: nrm-case-service
    metrics_path: /actuator/prometheus
    honor_labels: true
    static_configs: [{targets: ["127.0.0.1:$case_port"]}]
  - job_name: nrm-referral-service
    metrics_path: /actuator/prometheus
    honor_labels: true
    static_configs: [{targets: ["127.0.0.1:$referral_port"]}]
  - job_name: nrm-identity-service
    metrics_path: /actuator/prometheus
    honor_labels: true
    static_configs: [{targets: ["127.0.0.1:$identity_port"]}]
  - job_name: nrm-gateway
    metrics_path: /actuator/prometheus
    honor_labels: true
    static_configs: [{targets: ["127.0.0.1:$gateway_management_port"]}]
YAML

echo "Static checks"
if promtool check rules "$work/alerts.yml" >"$work/out" 2>&1; then
    pass "promtool check rules: $(grep -o '[0-9]* rules found' "$work/out")"
else
    fail "promtool check rules"; cat "$work/out"
fi
if (cd "$work" && promtool test rules alerts-test.yml) >"$work/out" 2>&1; then
    pass "promtool test rules alerts-test.yml"
else
    fail "promtool test rules"; cat "$work/out"
fi
if promtool check config "$work/prometheus.yml" >"$work/out" 2>&1; then
    pass "promtool check config (scrape config for the local platform)"
else
    fail "promtool check config"; cat "$work/out"
fi

if [[ "${NRM_CHECK_TRAFFIC:-1}" == 1 ]]; then
    echo "Traffic through the gateway on 127.0.0.1:$gateway_port"
    status=$(curl -s -o /dev/null -w '%{http_code}' -u demo-monitor:not-the-secret -d grant_type=client_credentials \
        "http://127.0.0.1:$gateway_port/oauth2/token" || true)
    [[ "$status" == 401 ]] && pass "a wrong client secret is refused (401)" || fail "wrong client secret answered $status"
    if NRM_GATEWAY_PORT=$gateway_port "$repo/infra/demo/walkthrough.sh" >"$work/walkthrough.log" 2>&1; then
        pass "infra/demo/walkthrough.sh: $(grep -c '^== ' "$work/walkthrough.log") calls (case identified, referral accepted)"
    else
        fail "infra/demo/walkthrough.sh failed:"; tail -20 "$work/walkthrough.log"
    fi
fi

port=$(free_port)
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
api="http://127.0.0.1:$port/api/v1"
echo "Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') on 127.0.0.1:$port (pid $prometheus_pid)"
for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && break
    sleep 0.5
done

# every target discovered, scraped and up (discovery takes ~5 s, scrapes every 2 s; give them 60 s)
targets_json() { curl -fs "$api/targets"; }
for _ in $(seq 1 60); do
    pending=$(targets_json | python3 -c '
import json,sys
t=json.load(sys.stdin)["data"]["activeTargets"]
print(sum(1 for x in t if x["health"]!="up") if len(t)==4 else 4)' || echo 4)
    [[ "$pending" == 0 ]] && break
    sleep 1
done
echo "Targets"
targets_json | python3 -c '
import json,sys
for t in json.load(sys.stdin)["data"]["activeTargets"]:
    print("%s %s %s %s" % (t["health"], t["labels"]["job"], t["scrapeUrl"], t.get("lastError","")))' >"$work/targets"
[[ -s "$work/targets" ]] || fail "no targets discovered"
while read -r health job url error; do
    [[ "$health" == up ]] && pass "$job $url up" || fail "$job $url $health $error"
done <"$work/targets"

echo "Alert rules"
curl -fs "$api/rules" | python3 -c '
import json,sys
groups=json.load(sys.stdin)["data"]["groups"]
for g in groups:
    print("%s %d %s" % (g["name"], len(g["rules"]), ",".join(r["name"] for r in g["rules"])))' >"$work/rules"
rules=0
while read -r group count names; do
    pass "group $group: $count rules loaded ($names)"; rules=$((rules + count))
done <"$work/rules"
((rules > 0)) || fail "no alert rules loaded"

# a query answers at least one series; prints how many and an example
query() {
    local what=$1 expr=$2 answer
    answer=$(curl -fs --data-urlencode "query=$expr" "$api/query" | python3 -c '
import json,sys
r=json.load(sys.stdin)["data"]["result"]
if r:
    m=r[0]["metric"]; v=r[0]["value"][1]
    print("%d series, e.g. {%s} %s" % (len(r), ", ".join("%s=%s" % kv for kv in sorted(m.items()) if kv[0] not in ("job",)), v))' || true)
    if [[ -n "$answer" ]]; then pass "$what: $expr -> $answer"; else fail "$what: $expr -> no series"; fi
}
echo "Queries"
sleep 5 # a few scrapes, so that rates over [1m] have two samples
query "every service and the gateway up" 'count by (job) (up{job=~"nrm-.*"} == 1)'
query "command rate per type" 'sum by (service, payloadType) (rate(commandBus_allTimer_seconds_count[1m]))'
query "command latency p95 per type" 'histogram_quantile(0.95, sum by (payloadType, le) (rate(commandBus_allTimer_seconds_bucket[5m])))'
query "command failures per type" 'sum by (service, payloadType) (commandBus_failureCounter_total)'
query "processor position" 'max by (service, processor) (nrm_processor_position)'
query "processor lag (events)" 'max by (service, processor) (nrm_processor_lag_events)'
query "processor lag (seconds)" 'max by (service, processor) (nrm_processor_lag_seconds)'
query "processor errors" 'max by (service, processor) (nrm_processor_segments_error)'
query "Axon processor latency" 'max by (service, processorName) (eventProcessor_latency)'
query "gateway route latency and status" 'sum by (routeId, httpStatusCode) (spring_cloud_gateway_requests_seconds_count)'
query "cases by stage" 'max by (stage, state) (nrm_cases)'
query "performance indicators (this year)" 'max by (indicator, category) (nrm_indicator_percent{period="year"})'
query "referrals pending" 'max by (urgency) (nrm_referrals_pending)'
query "referrals overdue" 'max by (urgency) (nrm_referrals_overdue)'
query "identification duration histogram" 'sum by (le) (nrm_case_identification_duration_seconds_bucket)'
query "referral response duration histogram" 'sum by (le) (nrm_referral_response_duration_seconds_bucket)'
query "refused sign-ins" 'sum by (method, reason) (nrm_identity_signin_failures_total)'
query "JVM heap" 'sum by (service) (jvm_memory_used_bytes{area="heap"})'
query "MongoDB driver commands" 'sum by (service) (mongodb_driver_commands_seconds_count)'
query "MongoDB connection pool" 'sum by (service) (mongodb_driver_pool_size)'
query "common tags service and instance" 'count by (service, instance) (process_uptime_seconds)'

if ((failures == 0)); then
    echo "All checks passed."
else
    echo "$failures check(s) failed."
fi
exit $((failures > 0))
