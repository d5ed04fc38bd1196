#!/usr/bin/env bash
# A case through the demo NRM, on a platform started with `infra/nrm up` (embedded store, demo seeded):
# screening, assessment, presumed victim, consent, referral to the shelter, acceptance, history.
# Every call goes through the gateway with a demo role's token. Prints each answer.
set -euo pipefail
nrm="$(cd "$(dirname "$0")/.." && pwd)/nrm"
api="http://127.0.0.1:${NRM_GATEWAY_PORT:-8080}/api"
json='Content-Type: application/json'
if [[ -n "${NRM_TLS:-}${NRM_TLS_CERT:-}" ]]; then # the gateway speaks HTTPS (README, "TLS")
    api="https://127.0.0.1:${NRM_GATEWAY_PORT:-8080}/api"
    cert=${NRM_TLS_CERT:-${NRM_DATA_DIR:-./nrm-data}/tls/dev-certificate.pem}
    curl() { command curl --cacert "$cert" "$@"; }
fi

first_line=$("$nrm" token first-line)
case_manager=$("$nrm" token case-manager)
authority=$("$nrm" token identification-authority)
shelter=$("$nrm" token service-provider)
social_welfare=41888e74-dc2c-3786-87ba-bfc29b5261aa   # Demo Centre for Social Work
shelter_org=289dc330-2eba-31c1-abbc-c7b61611b596       # Demo Shelter Novi Sad
case_id=$(cat /proc/sys/kernel/random/uuid)            # a client may choose the case id
hour_ago=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
in_two_days=$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)

call() { # role-token method path [body]
    local token=$1 method=$2 path=$3 body=${4:-}
    echo "== $method $path"
    if [[ -n "$body" ]]; then
        curl -s -X "$method" "$api$path" -H "Authorization: Bearer $token" -H "$json" -d "$body"
    else
        curl -s -X "$method" "$api$path" -H "Authorization: Bearer $token"
    fi
    echo
}

call "$first_line" POST /cases '{"caseId":"'"$case_id"'","detectingSector":"LABOUR_INSPECTION","screenedAt":"'"$hour_ago"'",
  "location":{"country":"RS","municipality":"Novi Sad"},
  "dataSubject":{"givenName":"Ana","familyName":"Petrović","ageCategory":"ADULT","sex":"Feminine","citizenship":["AL"]}}'
call "$first_line" POST "/cases/$case_id/indicator-assessments" \
    '{"indicatorSetId":"labour-v1","answers":{"LAB-01":"PRESENT","LAB-02":"PRESENT"},"assessedAt":"'"$hour_ago"'"}'
call "$first_line" POST "/cases/$case_id/presumed-victim" \
    '{"grounds":"Passport held by the employer; wages unpaid","responsibleOrganisationId":"'"$social_welfare"'"}'
call "$case_manager" POST "/cases/$case_id/consents" '{"decision":"GIVEN","purposes":["REFERRAL"],
  "serviceTypes":["SAFE_ACCOMMODATION"],"recipientOrganisationId":"'"$shelter_org"'"}'
call "$authority" POST "/cases/$case_id/identification-decision" '{"outcome":"IDENTIFIED",
  "reasons":"Forced labour established","typesOfExploitation":["ForcedLabour"],"methodsOfControl":["WithholdsDocuments"]}'

sleep 1 # referral-service learns the consent from the event stream
referral=$(call "$case_manager" POST /referrals '{"caseId":"'"$case_id"'","providerOrganisationId":"'"$shelter_org"'",
  "serviceType":"SAFE_ACCOMMODATION","urgency":"URGENT","respondBy":"'"$in_two_days"'","note":"Arrives with a social worker"}')
echo "$referral"
referral_id=$(printf '%s' "$referral" | sed -n 's/.*"referralId":"\([^"]*\)".*/\1/p')

call "$shelter" GET /referrals
call "$shelter" POST "/referrals/$referral_id/acceptance" '{"note":"Bed reserved"}'
# the shelter's view of the case is a projection: it shows the case once it has seen the referral
for _ in $(seq 40); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$api/cases/$case_id" -H "Authorization: Bearer $shelter")" == 200 ]] && break
    sleep 0.25
done
call "$shelter" GET "/cases/$case_id"
call "$case_manager" GET "/cases/$case_id/history"
