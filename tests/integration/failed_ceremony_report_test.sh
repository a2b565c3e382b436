#!/usr/bin/env bash
# A ceremony that fails at the token, and what the auditor's documents say of it. The token is
# reached through the fault-injecting module (tests/support/fault_module), which makes the second
# key generation fail with CKR_DEVICE_ERROR: the call is found by tracing the same ceremony on a
# twin token first. The transcript records the abandoned key, the failed step and the failed
# ceremony under a closing checkpoint; replay and the report list each of them as an exception,
# the report's verdict says the ceremony failed and where, and Chromium shows it.
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?}"
ART=${KR_TEST_TMP:-/tmp}/documents-failed
source "$(dirname "$0")/chromium.sh"
T=$KR_BIN/kr-transcript
fault_module=$KR_TEST_BIN/libkr-fault-pkcs11.so

# script ID LABEL: two key generations under a 3-of-4 quorum, through the fault module.
script() {
  cat <<YAML
keyrite: 1
ceremony: {id: $1}
token: {module: $fault_module, label: $2}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Ana, Ben, Cara, Dev]}
quorum: {activation: 3-of-4, share-set: $2.shares.json}
steps:
  - id: key-1
    generate-key: {label: one, type: ec, curve: P-256}
  - id: key-2
    generate-key: {label: two, type: ec, curve: P-256}
YAML
}

# The twin run, traced: which call is the second C_GenerateKeyPair.
new_quorum_softhsm twin-hsm "$WORK/twin" 3 Ana Ben Cara Dev
script twin twin-hsm > "$WORK/twin/twin.yaml"
KR_FAULT_TRACE=$WORK/trace run_expect 0 "$KR_BIN/kr-ceremony" run "$WORK/twin/twin.yaml" --output-dir "$WORK/twin/out" "${QUORUM_ARGS[@]}"
call=$(grep ' C_GenerateKeyPair ' "$WORK/trace" | sed -n 2p | cut -d' ' -f1)
[[ -n $call ]] && pass "the twin run's trace has a second key generation (call $call)" || fail "trace: $(cat "$WORK/trace")"

dir=$WORK/failed
new_quorum_softhsm failed-hsm "$dir" 3 Ana Ben Cara Dev
script failed failed-hsm > "$dir/failed.yaml"
KR_FAULT_CALL=$call run_expect 2 "$KR_BIN/kr-ceremony" run "$dir/failed.yaml" --output-dir "$dir/out" "${QUORUM_ARGS[@]}"
assert_eq "run: the token's refusal is the error" "kr-ceremony: error: C_GenerateKeyPair failed: CKR_DEVICE_ERROR" "$(head -1 <<<"$ERR")"
log=$dir/out/failed.events.jsonl
key=$dir/failed-hsm.shares.json.audit-key.pem
failures=$(jq -r 'select(.outcome == "failure") | "\(.seq) \(.type)"' "$log")
assert_eq "transcript: the abandoned key, the failed step, the failed ceremony" \
  "artifact-abandoned step-failed ceremony-failed" "$(cut -d' ' -f2 <<<"$failures" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "transcript: a closing checkpoint after the failure" "checkpoint" "$(tail -1 "$log" | jq -r .type)"

run_expect 4 "$T" replay "$log" --artifacts "$dir/out" --audit-key "$key"
assert_eq "replay: each failure the transcript records, in order" "$(cut -d' ' -f1 <<<"$failures" | tr '\n' ' ' | sed 's/ $//')" \
  "$(sed -n 's/^  line \([0-9]*\) .*/\1/p' <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
grep -qE "^  line [0-9]+ [0-9T:.Z-]+ step failed at step key-2: C_GenerateKeyPair failed: CKR_DEVICE_ERROR$" <<<"$OUT" &&
  grep -qE "^  line [0-9]+ [0-9T:.Z-]+ ceremony failed: C_GenerateKeyPair failed: CKR_DEVICE_ERROR$" <<<"$OUT" &&
  pass "replay: names the failed step and the failed ceremony with the cause" || fail "replay: $OUT"

run_expect 4 "$T" report "$log" --artifacts "$dir/out" --audit-key "$key" --out "$WORK/failed-report.html"
headline="INCOMPLETE: the ceremony failed at step key-2 (see the exceptions); nothing the replay could check is wrong"
assert_eq "report: the headline says the ceremony failed, and where" "$headline" "$(head -1 <<<"$OUT")"
run_expect 4 "$T" report "$log" --artifacts "$dir/out" --audit-key "$key" --out "$WORK/failed-report.json" --format json
assert_eq "report json: the exceptions are the transcript's failures" "$failures" \
  "$(jq -r '.exceptions[] | "\(.seq) \(.type)"' "$WORK/failed-report.json")"
assert_eq "report json: key-1 replays, key-2 is not checked" "key-1 ok key-2 not-checked" \
  "$(jq -r '[.steps[] | "\(.id) \(.verdict)"] | join(" ")' "$WORK/failed-report.json")"

if [[ -z $CHROMIUM ]]; then
  fail "chromium is not installed (scripts/install-deps installs it)"
  finish; exit
fi
chromium_render failed-report "$WORK/failed-report.html"
wait
chromium_rendered failed-report
first=$(tr -d '\n' <"$ART/failed-report.dom.html" | grep -o 'id="verdict"><strong>[^<]*' | sed 's/.*<strong>//' || true)
assert_eq "DOM: the verdict is the first thing" "$headline" "$first"
for kind in "step failed" "ceremony failed"; do
  grep -qE "<td>[0-9]+</td><td>[^<]*</td><td>$kind</td>" "$ART/failed-report.dom.html" &&
    pass "DOM: the exceptions table lists the $kind" || fail "DOM: no $kind"
done
finish
