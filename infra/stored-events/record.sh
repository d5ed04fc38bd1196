#!/usr/bin/env bash
# Records a released commit's stored data as a fixture: builds COMMIT in a temporary git worktree (offline,
# package only, never install), starts that commit's platform on a fresh embedded store on free ports, runs that
# commit's own demo walkthrough (infra/demo/walkthrough.sh) through its gateway, and writes the event database
# and the services' databases to OUT (JSON, see DumpStore.java). No key is written: the subject keys and
# identity's signing keys are in databases it leaves out, referral-service's installation key is skipped. Everything temporary is removed afterwards.
#
#   infra/stored-events/record.sh COMMIT OUT.json
#
# README, "Upgrading", says which fixtures the tests read and when to record a new one.
set -euo pipefail
(($# == 2)) || { echo "usage: $0 COMMIT OUT.json" >&2; exit 2; }
commit=$(git rev-parse --verify "$1^{commit}")
out=$(realpath -m "$2")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
driver=""
for jar in org/mongodb/bson org/mongodb/mongodb-driver-core org/mongodb/mongodb-driver-sync; do
    found=$(ls "$m2/$jar"/*/*.jar 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$found" ]] || { echo "the MongoDB driver ($jar) is not in $m2: build the project once" >&2; exit 1; }
    driver+="${driver:+:}$found"
done

work=$(mktemp -d /tmp/nrm-record.XXXXXX)
tree="$work/src"
data="$work/data"
cleanup() {
    if [[ -x "$tree/infra/nrm" ]]; then NRM_DATA_DIR="$data" "$tree/infra/nrm" down >/dev/null 2>&1 || true; fi
    git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== building $commit in $tree"
git -C "$repo" worktree add --detach "$tree" "$commit" >/dev/null
(cd "$tree" && nice -n 10 mvn -B -o -q -DskipTests package)

# seven ports in a row that nothing listens on (the store, three services, the gateway, its management, web)
free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=""
for _ in $(seq 50); do
    candidate=$((20000 + RANDOM % 20000))
    all=1
    for offset in 0 1 2 3 4 5 6; do free $((candidate + offset)) || { all=0; break; }; done
    if ((all)); then base=$candidate; break; fi
done
[[ -n "$base" ]] || { echo "no seven free ports in a row found" >&2; exit 1; }
export NRM_DATA_DIR="$data" NRM_SKIP_BUILD=1 NRM_STORE_PORT=$base NRM_CASE_PORT=$((base + 1)) \
    NRM_REFERRAL_PORT=$((base + 2)) NRM_IDENTITY_PORT=$((base + 3)) NRM_GATEWAY_PORT=$((base + 4)) \
    NRM_GATEWAY_MANAGEMENT_PORT=$((base + 5)) NRM_WEB_PORT=$((base + 6))

echo "== starting $commit's platform (data: $data, ports from $base)"
"$tree/infra/nrm" up
echo "== running $commit's demo walkthrough"
"$tree/infra/demo/walkthrough.sh" >"$work/walkthrough.log"
sleep 5 # the projections catch up with the walkthrough's last events (they are part of the fixture)

uri="mongodb://127.0.0.1:$base"
if [[ -s "$data/store-password" ]]; then # the store has had a user since the store credentials (decision 34)
    uri="mongodb://nrm:$(cat "$data/store-password")@127.0.0.1:$base/?authSource=admin"
fi
mkdir -p "$(dirname "$out")"
echo "== writing $out"
java -cp "$driver" -Dskip=installation_keys "$here/DumpStore.java" "$uri" "$out" nrm_events nrm_case nrm_referral
"$tree/infra/nrm" down
