#!/usr/bin/env bash
# People's names as people write them: custodians "Ana Ortiz" and "Zoë O'Brien", an administrator
# and an auditor with accents and apostrophes, through a whole quorum ceremony (kr-token init
# --quorum, check, run, verify, replay). The roster and every event keep the display names; the
# checkpoints' signed-note key names carry the derived token (custodian/Ana%20Ortiz).
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?KR_TEST_BIN must point at the built test helpers}"
cer=$WORK/ceremony
new_quorum_softhsm names-hsm "$cer" 3 "Ana Ortiz" "Zoë O'Brien" "Bo Li" "Dana Ng" "Eli"
cat > "$cer/names.yaml" <<'YAML'
keyrite: 1
ceremony: {id: names}
token: {module: softhsm2, label: names-hsm}
roles:
  administrator: "José Álvarez"
  internal-auditor: "Ivy O'Neil"
  custodians: ["Ana Ortiz", "Zoë O'Brien", "Bo Li", "Dana Ng", "Eli"]
quorum: {activation: 3-of-5, share-set: names-hsm.shares.json}
steps:
  - id: root-key
    generate-key: {label: root, type: ec, curve: P-256}
  - id: root-cert
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Names Root}
      validity: {not-before: 2020-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
  - id: root-pub
    export-public-key: {key: root, output: root.pub.pem}
YAML
out=$WORK/out
run_expect 0 "$KR_BIN/kr-ceremony" check "$cer/names.yaml" --output-dir "$out"
pass "check accepts names with spaces, accents and apostrophes"

# The first three custodians approve every step: Ana Ortiz and Zoë O'Brien sign every checkpoint.
run_expect 0 "$KR_BIN/kr-ceremony" run "$cer/names.yaml" --output-dir "$out" "${QUORUM_ARGS[@]:0:12}"
log=$out/names.events.jsonl
assert_eq "the roster keeps the display names" "Ana Ortiz|Bo Li|Dana Ng|Eli|Zoë O'Brien" \
  "$(head -1 "$log" | jq -r '.details.roster.custodians | keys | join("|")')"
assert_eq "the administrator is the operator of every event, as written" "José Álvarez" \
  "$(jq -r 'select(.type != "checkpoint") | .operator' "$log" | sort -u)"
assert_eq "approvals name the custodians as written" "Ana Ortiz|Bo Li|Zoë O'Brien" \
  "$(jq -r 'select(.type=="approval-recorded") | .details.custodian' "$log" | sort -u | paste -sd'|')"
assert_eq "the closing checkpoint's signers are the audit key and the derived key names" \
  "signers keyrite-audit custodian/Ana%20Ortiz custodian/Zoë%20O'Brien custodian/Bo%20Li" \
  "$(tail -1 "$log" | jq -r .note | sed -n 5p)"

key=$cer/names-hsm.shares.json.audit-key.pem
run_expect 0 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$key"
grep -q "^verdict: *ok" <<<"$OUT" && pass "kr-transcript verify accepts the transcript" || fail "verify: $OUT"
run_expect 0 "$KR_BIN/kr-transcript" replay "$log" --artifacts "$out" --audit-key "$key"
grep -q "^verdict: *ok" <<<"$OUT" && pass "kr-transcript replay accepts it" || fail "replay: $OUT"
grep -q "approved by Ana Ortiz, Zoë O'Brien, Bo Li" <<<"$OUT" &&
  pass "replay names the approving custodians as written" || fail "replay names: $OUT"

# A control character in a name is still refused, at the name's position.
printf 'keyrite: 1\nceremony: {id: bad, test: true}\ntoken: {module: softhsm2, label: names-hsm}\nroles: {administrator: "Al\\tex", internal-auditor: Ivy}\nsteps:\n  - id: k\n    generate-key: {label: k, type: ec, curve: P-256}\n' > "$cer/bad.yaml"
run_expect 2 "$KR_BIN/kr-ceremony" check "$cer/bad.yaml" || true
grep -q "bad.yaml:4:.*roles.administrator: a person's name may not contain control characters" <<<"$ERR" &&
  pass "a tab in a name is refused at its position" || fail "tab: $ERR"
finish
