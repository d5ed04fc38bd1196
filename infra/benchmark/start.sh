#!/usr/bin/env bash
# How fast and how small the platform starts, as a newcomer's `infra/nrm up` with its jars built: the first
# start (nothing archived yet), then, after `down`, a second start mapping the classes the first one archived
# (class data sharing, see README); then the demo walkthrough, and each component's resident memory after it.
# Starts its own platform (embedded store, free ports, a temporary data directory) and stops it after.
#   infra/benchmark/start.sh            (NRM_CDS=0 measures without class data sharing)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
nrm="$repo/infra/nrm"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
export NRM_DATA_DIR="$work/nrm-data" NRM_STORE_PORT=$(free_port) NRM_GATEWAY_PORT=$(free_port) \
    NRM_CASE_PORT=$(free_port) NRM_REFERRAL_PORT=$(free_port) NRM_IDENTITY_PORT=$(free_port) \
    NRM_GATEWAY_MANAGEMENT_PORT=$(free_port) NRM_WEB_PORT=$(free_port) NRM_SKIP_BUILD=1
unset NRM_STORE_URI
trap '"$nrm" down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

start() { # label
    local t0 t1
    t0=$(date +%s%N)
    "$nrm" up >"$work/up-$1.txt" 2>&1 || { cat "$work/up-$1.txt"; exit 1; }
    t1=$(date +%s%N)
    printf '%-34s %6.1f s   (%s)\n' "$1: up until all healthy" "$(echo "($t1 - $t0) / 1000000000" | bc -l)" \
        "$(grep -oE '[a-z-]+ ready \([0-9.]+ s\)' "$work/up-$1.txt" | tr '\n' ' ')"
    cpu_until_healthy
}

# CPU seconds each component has used by now: the start's cost whatever else runs on the machine (the wall
# time above is about this total over the cores when nothing else does)
cpu_until_healthy() {
    local pidf name pid line="" total=0 ticks hz
    hz=$(getconf CLK_TCK)
    for pidf in "$NRM_DATA_DIR"/run/*.pid; do
        name=$(basename "$pidf" .pid)
        [[ "$name" == supervisor ]] && continue
        pid=$(cat "$pidf")
        [[ -r /proc/$pid/stat ]] || continue
        ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
        total=$((total + ticks))
        line+="$name $(echo "scale=1; $ticks / $hz" | bc) s, "
    done
    printf '%-34s %6.1f s   (%s)\n' "  CPU used until then" "$(echo "scale=1; $total / $hz" | bc)" "${line%, }"
}

echo "== start ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), NRM_CDS=${NRM_CDS:-1})"
start "first start"
"$nrm" down >/dev/null
start "second start"

"$repo/infra/demo/walkthrough.sh" >"$work/walkthrough.txt" 2>&1 || { cat "$work/walkthrough.txt"; exit 1; }
echo "== resident memory after the demo walkthrough (MB)"
for pidf in "$NRM_DATA_DIR"/run/*.pid; do
    name=$(basename "$pidf" .pid)
    [[ "$name" == supervisor ]] && continue
    rss=$(ps -o rss= -p "$(cat "$pidf")" 2>/dev/null || echo 0)
    printf '%-18s %6d\n' "$name" "$((rss / 1024))"
done
