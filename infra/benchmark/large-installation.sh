#!/usr/bin/env bash
# A large installation, measured (issue 20 point 5; docs/architecture.md decision 48). For each size given (cases;
# default 10000 100000), on a platform of its own (embedded store, free ports, a temporary data directory):
#  1. `infra/nrm up` on an empty data directory (keys, the store's user, the demo NRM), then the services stop and
#     the store keeps running;
#  2. the generator (case-service's LargeInstallationBenchmark, -Pbenchmark) appends the installation's five years
#     through the services' own storage engine and sealing: ~24 events a case, read logs included;
#  3. `infra/nrm up` again: every event processor of every service reads the whole store from where it stood
#     (before the generation): the full build of each projection, timed, with its progress every 30 s;
#  4. through the gateway with the demo tokens (`infra/nrm token <role>`): case-list page p50/p99 per role (wrk,
#     one connection, NRM_BENCHMARK_SECONDS [20] after 5 s of warm-up), statistics by three dimensions, the
#     monitoring indicators of the year and the court export of the largest case (JSON and PDF; curl, median of
#     5), the whole-store verification (operator) and its result; the checkpoints case-service wrote (its log says
#     how long each took; every NRM_BENCHMARK_CHECKPOINT_INTERVAL [30s]); an operator's rebuild of the projections
#     named in NRM_BENCHMARK_REBUILD [managed-cases] with its progress; disk use; each JVM's resident memory;
#     the load average beside the figures. NRM_BENCHMARK_BATCH_SIZE sets every tracking processor's batch size (Axon's
#     default, which the services keep, is 1: a token write per event).
# Prints a table per size and one comparing the sizes; also written to NRM_BENCHMARK_OUT [./large-installation.txt].
#   infra/benchmark/large-installation.sh [cases ...]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
nrm="$repo/infra/nrm"
sizes=("$@")
((${#sizes[@]})) || sizes=(10000 100000)
seconds=${NRM_BENCHMARK_SECONDS:-20}
rebuild=${NRM_BENCHMARK_REBUILD:-managed-cases}
out=$(realpath -m "${NRM_BENCHMARK_OUT:-./large-installation.txt}")

for tool in wrk curl python3; do
    command -v "$tool" >/dev/null || { echo "needs $tool (wrk: apt-get install wrk)" >&2; exit 1; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.1f}')"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

echo "== building the jars and the generator (not timed)"
# NRM_BENCHMARK_SKIP_PACKAGE=1: the jars are built already
[[ "${NRM_BENCHMARK_SKIP_PACKAGE:-}" == 1 ]] || (cd "$repo" && mvn -B -o -q -DskipTests package >/dev/null)
(cd "$repo" && mvn -B -o -q -pl case-service -am test-compile -Pbenchmark >/dev/null)
export NRM_SKIP_BUILD=1

# Spring's JSON properties giving every tracking processor of the three services the batch size $1.
batch_sizes() {
    python3 - "$1" "$repo" <<'PY'
import json, re, sys
size, repo = int(sys.argv[1]), sys.argv[2]
names = set()
for service in ("case-service", "referral-service", "identity-service"):
    text = open(f"{repo}/{service}/src/main/resources/application.yml").read()
    names |= set(re.findall(r"^      ([a-z-]+):\n        mode: tracking$", text, re.M))
print(json.dumps({"axon": {"eventhandling": {"processors": {n: {"batch-size": size} for n in sorted(names)}}}}))
PY
}

: >"$out"
say() { printf '%s\n' "$*" | tee -a "$out"; }
declare -A figure

measure_size() {
    local cases=$1 work data t0 gateway
    work=$(mktemp -d /tmp/nrm-large.XXXXXX)
    data="$work/nrm-data"
    export NRM_DATA_DIR="$data" NRM_STORE_PORT=$(free_port) NRM_GATEWAY_PORT=$(free_port) \
        NRM_CASE_PORT=$(free_port) NRM_REFERRAL_PORT=$(free_port) NRM_IDENTITY_PORT=$(free_port) \
        NRM_GATEWAY_MANAGEMENT_PORT=$(free_port) NRM_WEB_PORT=$(free_port) NRM_START_TIMEOUT=900
    unset NRM_STORE_URI
    # the benchmark's tokens send far more than a client may by default (README, "Rate limits")
    export NRM_GATEWAY_RATELIMITS_PERCLIENT_REQUESTS=100000000
    export NRM_EVIDENCE_CHECKPOINTS_INTERVAL=${NRM_BENCHMARK_CHECKPOINT_INTERVAL:-30s}
    if [[ -n "${NRM_BENCHMARK_BATCH_SIZE:-}" ]]; then
        # every tracking processor of the three services handles that many events per unit of work (one token
        # write per batch instead of per event: docs/event-store.md, "Against the targets")
        SPRING_APPLICATION_JSON=$(batch_sizes "$NRM_BENCHMARK_BATCH_SIZE")
        export SPRING_APPLICATION_JSON
    fi
    trap '"$nrm" down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
    gateway="http://127.0.0.1:$NRM_GATEWAY_PORT"

    say ""
    say "== $cases cases (data: $data; load average $(load); processors' batch size ${NRM_BENCHMARK_BATCH_SIZE:-1, the Axon default})"
    "$nrm" up >"$work/up-1.txt" 2>&1 || { cat "$work/up-1.txt"; return 1; }
    # the services stop, the store stays: the generator writes while no service runs
    for component in web gateway identity-service referral-service case-service; do
        pid=$(cat "$data/run/$component.pid")
        kill "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
    done

    t0=$(now)
    NRM_BENCHMARK_STORE_URI="mongodb://nrm:$(cat "$data/store-password")@127.0.0.1:$NRM_STORE_PORT/?authSource=admin" \
        mvn -B -o -f "$repo/pom.xml" -pl case-service -am test -Pbenchmark -Dtest=LargeInstallationBenchmark \
        -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.cases="$cases" \
        -Dbenchmark.master-key-file="$data/privacy-master-key" -Dbenchmark.summary-file="$work/generated.txt" \
        | grep --line-buffered -E "^generated|BUILD FAILURE|ERROR\]" | sed 's/^/   /' || true
    [[ -s "$work/generated.txt" ]] || { say "the generator wrote nothing: see above"; return 1; }
    local generated events largest
    generated=$(grep '^seconds=' "$work/generated.txt" | cut -d= -f2)
    events=$(grep '^events=' "$work/generated.txt" | cut -d= -f2)
    largest=$(grep '^largestCase=' "$work/generated.txt" | cut -d= -f2)
    say "generated: $(tr '\n' ' ' <"$work/generated.txt" | sed 's/type\.[A-Za-z]*=[0-9]* //g')"
    say "  by type: $(grep '^type\.' "$work/generated.txt" | sed 's/^type\.//' | tr '\n' ' ')"
    say "  generator: $generated s ($(python3 -c "print(round($events / $generated))") events/s), with Maven: $(since "$t0") s; load $(load)"

    # every processor of every service builds its projection from the store (its token stood before the generation)
    t0=$(now)
    "$nrm" up >"$work/up-2.txt" 2>&1 || { cat "$work/up-2.txt"; return 1; }
    say "platform up again after $(since "$t0") s; load $(load)"
    local lag last=0 elapsed
    while :; do
        lag=0
        for port in "$NRM_CASE_PORT" "$NRM_REFERRAL_PORT" "$NRM_IDENTITY_PORT"; do
            l=$(curl -fsS "http://127.0.0.1:$port/actuator/prometheus" 2>/dev/null \
                | awk '/^nrm_processor_lag_events\{/ { s += $2 } END { printf "%d", s }') || l=999999999
            lag=$((lag + l))
        done
        elapsed=$(since "$t0")
        # a processor that has not read anything yet has no lag gauge: case-service's projections must say 0 too
        if ((lag == 0)) && curl -fsS -H "Authorization: Bearer $("$nrm" token operator)" \
            "$gateway/api/admin/projections" | python3 -c 'import json,sys
sys.exit(0 if all(p.get("lag") == 0 for p in json.load(sys.stdin)) else 1)'; then
            break
        fi
        if python3 -c "import sys; sys.exit(0 if $elapsed - $last >= 30 else 1)"; then
            last=$elapsed
            say "  building the projections: ${elapsed} s, events left summed over all processors: $lag; load $(load)"
            curl -fsS -H "Authorization: Bearer $("$nrm" token operator)" "$gateway/api/admin/projections" \
                | python3 -c 'import json,sys
for p in json.load(sys.stdin): print("    %-28s position %-9s lag %s" % (p["name"], p.get("position"), p.get("lag")))' \
                | tee -a "$out"
        fi
        sleep 5
    done
    figure[$cases.build]=$(since "$t0")
    say "every projection of every service built: ${figure[$cases.build]} s after the start; load $(load)"

    local token
    for role in first-line identification-authority case-manager service-provider; do
        token=$("$nrm" token "$role")
        wrk -t1 -c1 -d5s -H "Authorization: Bearer $token" "$gateway/api/cases?page=0&size=20" >/dev/null
        wrk -t1 -c1 -d"${seconds}s" --latency --timeout 30s -H "Authorization: Bearer $token" \
            "$gateway/api/cases?page=0&size=20" >"$work/wrk-$role.txt"
        local p50 p99 listed
        p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk-$role.txt")
        p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk-$role.txt")
        listed=$(curl -fsS -H "Authorization: Bearer $token" "$gateway/api/cases?size=1" | json 'd["total"]')
        figure[$cases.list.$role]="$p50 / $p99"
        say "case-list page, $role ($listed cases listed): p50 $p50, p99 $p99 ($(grep -oE '[0-9]+ requests' "$work/wrk-$role.txt"), $(grep -c 'Non-2xx' "$work/wrk-$role.txt") with non-2xx lines); load $(load)"
    done

    timed() { # label token url [method body]: the median and the slowest of 5 answers
        local label=$1 token=$2 url=$3 times=() size=0 status
        for _ in 1 2 3 4 5; do
            read -r status t s < <(curl -sS -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' \
                -H "Authorization: Bearer $token" "$url")
            [[ "$status" == 200 ]] || { say "$label: HTTP $status"; return 0; }
            times+=("$t"); size=$s
        done
        local summary
        summary=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "median %.3f s, slowest %.3f s", v[3], v[5] }')
        figure[$cases.$label]=$summary
        say "$label: $summary, $size bytes; load $(load)"
    }
    local monitor prosecutor operator year
    monitor=$("$nrm" token monitor)
    year=$(date -u +%Y)
    timed "statistics by stage, sex, ageBand" "$monitor" "$gateway/api/statistics?groupBy=stage,sex,ageBand"
    timed "statistics by year, detectingSector, typeOfExploitation" "$monitor" \
        "$gateway/api/statistics?groupBy=year,detectingSector,typeOfExploitation"
    timed "indicators of $year" "$monitor" "$gateway/api/statistics/indicators?period=$year"
    timed "indicators of $year by detectingSector" "$monitor" \
        "$gateway/api/statistics/indicators?period=$year&by=detectingSector"

    prosecutor=$("$nrm" token prosecutor)
    local basis
    basis=$(curl -fsS -X POST -H "Authorization: Bearer $prosecutor" -H "Content-Type: application/json" \
        -d '{"reference":"KTR 1/2026","requestedBy":"Deputy prosecutor, large-installation benchmark"}' \
        "$gateway/api/cases/$largest/legal-basis" | json 'd["legalBasisId"]')
    say "largest case $largest: $(grep '^largestCaseEvents=' "$work/generated.txt" | cut -d= -f2) events of its own and its referrals'"
    timed "court export (JSON)" "$prosecutor" "$gateway/api/cases/$largest/audit-export?format=json&legalBasisId=$basis"
    timed "court export (PDF)" "$prosecutor" "$gateway/api/cases/$largest/audit-export?format=pdf&legalBasisId=$basis"

    # the checkpoints case-service wrote since its second start, and how long each took (its log)
    grep -ohE 'Checkpoint [0-9]+ written in [0-9]+ ms: global index [0-9]+, [0-9]+ streams' \
        "$data/logs/case-service.log" | sed 's/^/  /' | tee -a "$out" || true
    figure[$cases.checkpoint]=$(grep -ohE 'Checkpoint [0-9]+ written in [0-9]+ ms' "$data/logs/case-service.log" \
        | awk '{ print $5 }' | sort -n | tail -n 1)
    say "slowest checkpoint: ${figure[$cases.checkpoint]:-none written yet} ms"

    operator=$("$nrm" token operator)
    t0=$(now)
    local location state verification
    location=$(curl -fsS -D - -o /dev/null -X POST -H "Authorization: Bearer $operator" \
        "$gateway/api/audit/store-verifications" | awk -F': ' 'tolower($1) == "location" { print $2 }' | tr -d '\r')
    while :; do
        # tokens live 10 minutes: a fresh one for each look
        verification=$(curl -fsS -H "Authorization: Bearer $("$nrm" token operator)" "$gateway$location")
        state=$(printf '%s' "$verification" | json 'd["state"]')
        [[ "$state" == RUNNING ]] || break
        sleep 5
    done
    figure[$cases.verification]=$(since "$t0")
    say "store verification: ${figure[$cases.verification]} s, $(printf '%s' "$verification" \
        | json '"%s: %s streams, %s events; %s" % (d["report"]["status"], d["report"]["streams"], d["report"]["events"], d["report"]["summary"])'); load $(load)"

    for name in ${rebuild//,/ }; do
        t0=$(now)
        curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $("$nrm" token operator)" \
            "$gateway/api/admin/projections/$name/rebuild"
        while :; do
            sleep 10
            status=$(curl -fsS -H "Authorization: Bearer $("$nrm" token operator)" "$gateway/api/admin/projections" \
                | python3 -c 'import json,sys
p=[p for p in json.load(sys.stdin) if p["name"] == sys.argv[1]][0]
r=p.get("rebuild")
print("DONE" if p["state"] == "LIVE" and r is None else "%s %s" % (p["state"], json.dumps(r)))' "$name")
            [[ "$status" == DONE ]] && break
            say "  rebuild of $name: $(since "$t0") s: $status"
        done
        figure[$cases.rebuild.$name]=$(since "$t0")
        say "operator's rebuild of $name: ${figure[$cases.rebuild.$name]} s; load $(load)"
    done

    figure[$cases.disk]=$(du -sh "$data/store" | cut -f1)
    say "disk: store $(du -sh "$data/store" | cut -f1), data directory $(du -sh "$data" | cut -f1)"
    local rss=""
    for component in store case-service referral-service identity-service gateway web; do
        rss+="$component $(($(ps -o rss= -p "$(cat "$data/run/$component.pid")") / 1024)) MB, "
    done
    figure[$cases.rss]=${rss%, }
    say "resident memory: ${rss%, }"
    figure[$cases.load]=$(load)

    "$nrm" down >/dev/null 2>&1 || true
    rm -rf "$work"
    trap - EXIT
}

for cases in "${sizes[@]}"; do
    measure_size "$cases"
done

say ""
say "== summary (load average at the end of each size; a loaded machine: re-run on a quiet one)"
for key in build list.first-line list.identification-authority list.case-manager list.service-provider \
    "statistics by stage, sex, ageBand" "indicators of $(date -u +%Y)" "court export (JSON)" "court export (PDF)" \
    checkpoint verification $(for name in ${rebuild//,/ }; do printf 'rebuild.%s ' "$name"; done) disk rss load; do
    line=$(printf '%-45s' "$key")
    for cases in "${sizes[@]}"; do line+=" | $cases: ${figure[$cases.$key]:-}"; done
    say "$line"
done
