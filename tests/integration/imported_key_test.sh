#!/usr/bin/env bash
# Keys are checked before every use, not only when keyrite generates them: a key imported into
# SoftHSM with softhsm2-util (not generated on the token: CKA_LOCAL, CKA_ALWAYS_SENSITIVE and
# CKA_NEVER_EXTRACTABLE false) is refused for self-sign and cross-sign, naming what is wrong,
# before anything is written; with `imported: true` on the key reference it is used and the
# transcript records it as imported. A key generated in the same run is checked again at use.
source "$(dirname "$0")/lib.sh"
new_softhsm imp-hsm
r=$WORK/records; mkdir -p "$r"; cd "$r"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/imported.pem" 2>/dev/null
softhsm2-util --import "$WORK/imported.pem" --token imp-hsm --label legacy --id 0a0b0c0d \
  --pin "$(cat "$WORK/user.pin")" >/dev/null
rm -f "$WORK/imported.pem"

script() {  # ID KEY-REFERENCE
  cat <<YAML
keyrite: 1
ceremony: {id: $1, test: true}
token: {module: softhsm2, label: imp-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: new-key
    generate-key: {label: fresh-$1, type: ec, curve: P-256}
  - id: new-root
    self-sign:
      key: fresh-$1
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Fresh Root $1}
      validity: {not-before: 2025-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: fresh.crt
  - id: legacy-root
    self-sign:
      key: $2
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Legacy Root}
      validity: {not-before: 2025-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: legacy.crt
YAML
}
script refused legacy > refused.yaml
run_expect 2 "$KR_BIN/kr-ceremony" run refused.yaml --output-dir out-refused --pin-fd 3 3<"$WORK/user.pin" || true
grep -q 'refused.yaml:17:12: steps\[2\].self-sign.key: key "legacy" is not used: .*it was not always sensitive (CKA_ALWAYS_SENSITIVE is false).*it was extractable at some time (CKA_NEVER_EXTRACTABLE is false).*it was not generated on the token (CKA_LOCAL is false)' <<<"$ERR" &&
  pass "an imported key is refused at its script position, naming each attribute" || fail "refused: $ERR"
grep -q 'imported: true' <<<"$ERR" && pass "the refusal says how to accept an imported key" || fail "hint: $ERR"
assert_no_file "the refused run signed and wrote nothing" out-refused/fresh.crt
assert_eq "the refused run generated no key" 1 "$(key_count imp-hsm)"

script accepted '{label: legacy, imported: true}' > accepted.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run accepted.yaml --output-dir out-accepted --pin-fd 3 3<"$WORK/user.pin"
log=out-accepted/accepted.events.jsonl
run_expect 0 openssl verify -CAfile out-accepted/legacy.crt out-accepted/legacy.crt &&
  pass "with imported: true the imported key signs its root"
assert_eq "the intent records the key as imported, with what made it so" \
  "true|it was not always sensitive (CKA_ALWAYS_SENSITIVE is false)" \
  "$(jq -r 'select(.type == "artifact-intent" and .step == "legacy-root") | "\(.details.key.imported)|\(.details.key.not_generated_here[0])"' "$log")"
assert_eq "the generated key is checked again at use and matches its key-generated record" \
  "true|token private sensitive sign not-extractable always-sensitive never-extractable local EC P-256" \
  "$(jq -r 'select(.type == "artifact-intent" and .step == "new-root") | "\(.details.key.matches_transcript_record)|\(.details.key.attributes)"' "$log")"

# Cross-sign: the imported key as issuer is refused the same way, and accepted when declared.
cross() {  # ID KEY-REFERENCE
  cat <<YAML
keyrite: 1
ceremony: {id: $1, test: true}
token: {module: softhsm2, label: imp-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: cross
    cross-sign:
      issuer: {key: $2, certificate: out-accepted/legacy.crt}
      certificate: out-accepted/fresh.crt
      validity: {not-before: 2025-06-01T00:00:00Z, not-after: 2039-01-01T00:00:00Z}
      extensions:
        ca-issuers: [http://crt.example.com/legacy.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/legacy.crl]
        policies: [2.23.140.1.2.1]
      output: fresh-by-legacy.crt
YAML
}
cross cross-refused legacy > cross-refused.yaml
run_expect 2 "$KR_BIN/kr-ceremony" run cross-refused.yaml --output-dir out-cross-refused --pin-fd 3 3<"$WORK/user.pin" || true
grep -q 'steps\[0\].cross-sign.issuer.key: key "legacy" is not used: .*CKA_LOCAL is false' <<<"$ERR" &&
  pass "cross-sign with an undeclared imported key is refused" || fail "cross refused: $ERR"
assert_no_file "nothing written" out-cross-refused/fresh-by-legacy.crt
cross cross-accepted '{label: legacy, imported: true}' > cross-accepted.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run cross-accepted.yaml --output-dir out-cross --pin-fd 3 3<"$WORK/user.pin"
run_expect 0 openssl verify -CAfile out-accepted/legacy.crt out-cross/fresh-by-legacy.crt &&
  pass "declared imported: the cross-certificate verifies under the legacy root"
assert_eq "the cross-sign intent records the imported issuer key" "legacy true" \
  "$(jq -r 'select(.type == "artifact-intent") | "\(.details.key.label) \(.details.key.imported)"' out-cross/cross-accepted.events.jsonl)"
finish
