#!/usr/bin/env bash
# The fault suite (README, "Fault suite"): builds the platform, then runs FaultSuite
# (infra/src/test/java/org/nrmplatform/infra/fault), which starts its own platform with infra/nrm on free ports
# and a temporary data directory, kills each component with SIGKILL under four concurrent writers through the
# gateway, freezes the store with SIGSTOP for 10 s, and checks that nothing acknowledged was lost and that every
# projection holds every case the store holds. Prints the table (also in infra/target/fault-suite.md).
#
# Usage: infra/fault/run.sh [-Dfault.rounds=5] (further arguments go to Maven). About 15 minutes on 2 cores.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
rm -f infra/target/fault-suite.md
# -Dtest=none: no unit tests of any module; only the fault suite among the integration tests
mvn -B verify -pl infra -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=FaultSuite -Dfailsafe.failIfNoSpecifiedTests=false "$@" \
    | grep --line-buffered -E 'Tests run|BUILD|ERROR|FAIL' || true
echo
if [[ -f infra/target/fault-suite.md ]]; then
    cat infra/target/fault-suite.md
else
    echo "no table: the suite did not get as far (see infra/target/failsafe-reports/)"
    exit 1
fi
