#!/usr/bin/env bash
# Event store benchmark: this platform's engine and the stock Mongo engine on the embedded server, and
# Axon's JDBC engine on a private PostgreSQL, in one JVM run. See docs/event-store.md.
#
# Usage: infra/benchmark/event-store.sh [-Dbenchmark.stores=ac] (further arguments go to Maven)
# Installs PostgreSQL from Debian's packages if it is missing, starts a throwaway cluster on 127.0.0.1 (a
# free port, a temporary directory, trust authentication), runs the benchmark and stops the cluster again.
# Prints the table; it is also written to shared/target/benchmark/event-store.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [[ -z "$(pg_bin)" ]]; then
    echo "installing PostgreSQL from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bin="$(pg_bin)"

# initdb and postgres refuse to run as root
as_postgres=()
if [[ "$(id -u)" == 0 ]]; then
    as_postgres=(runuser -u postgres --)
fi

cluster="$(mktemp -d /tmp/nrm-benchmark-pg.XXXXXX)"
chmod 755 "$cluster"
[[ "$(id -u)" == 0 ]] && chown postgres: "$cluster"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

stop() {
    "${as_postgres[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
}
trap stop EXIT

"${as_postgres[@]}" "$bin/initdb" -D "$cluster/data" -U benchmark --auth=trust -E UTF8 >/dev/null
"${as_postgres[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$cluster" start >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

cd "$repo"
rm -f shared/target/benchmark/event-store.md
mvn -B test -pl shared -am -Pbenchmark -Dtest=EventStoreBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbenchmark.postgres.url="jdbc:postgresql://127.0.0.1:$port/postgres" -Dbenchmark.postgres.user=benchmark "$@" \
    | grep --line-buffered -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}  |BUILD|ERROR' || true
echo
cat shared/target/benchmark/event-store.md
