#!/usr/bin/env bash
# A delegated OCSP responder: its certificate issued under the ocsp-signing profile from a CSR, a
# response it signs for a subordinate issued from a bare public key, accepted by openssl ocsp.
# Dates are relative to today so the test does not age.
source "$(dirname "$0")/lib.sh"
new_softhsm ocsp-hsm
r=$WORK/records; mkdir -p "$r"; cd "$r"
yesterday=$(date -u -d 'yesterday' +%Y-%m-%dT00:00:00Z)
in_300_days=$(date -u -d 'yesterday + 300 days' +%Y-%m-%dT00:00:00Z)
in_20_days=$(date -u -d 'yesterday + 20 days' +%Y-%m-%dT00:00:00Z)
{ yaml_root_and_sub ocsp ocsp-hsm "Example Sub From Key" 2026-01-01T00:00:00Z; cat <<YAML
  - id: responder-key
    generate-key: {label: responder, type: ec, curve: P-256}
  - id: responder-csr
    make-csr: {key: responder, subject: {C: US, O: Example, CN: Example OCSP Responder}, output: responder.csr}
  - id: responder
    issue:
      issuer: {key: root, certificate: root.crt}
      profile: ocsp-signing
      csr: responder.csr
      validity: {not-before: $yesterday, not-after: $in_300_days}
      output: responder.crt
  - id: response
    sign-ocsp-response:
      issuer: {key: root, certificate: root.crt}
      signer: {key: responder, certificate: responder.crt}
      certificate: sub.crt
      status: good
      this-update: $yesterday
      next-update: $in_20_days
      output: sub.ocsp
YAML
} > ocsp.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run ocsp.yaml --output-dir out --pin-fd 3 3<"$WORK/user.pin"
cd out
run_expect 0 openssl ocsp -respin sub.ocsp -issuer root.crt -cert sub.crt -CAfile root.crt -no_nonce
assert_eq "openssl: the delegated response is good for the subordinate" "sub.crt: good" "$(head -1 <<<"$OUT")"
grep -q "Response verify OK" <<<"$ERR" && pass "openssl: the delegated responder's signature is accepted" || fail "verify: $ERR"
text=$(openssl x509 -in responder.crt -noout -text)
grep -q "OCSP Signing" <<<"$text" && pass "the responder certificate has id-kp-OCSPSigning" || fail "no EKU"
grep -q "OCSP No Check" <<<"$text" && pass "the responder certificate has id-pkix-ocsp-nocheck" || fail "no nocheck"
assert_eq "the response names the delegated signer in the log" "delegated" \
  "$(jq -r 'select(.type=="ocsp-response-signed") | .details.responder' ocsp.events.jsonl)"
assert_eq "the subordinate from a bare public key carries that key" \
  "$(openssl pkey -pubin -in sub.pub.pem -outform DER | sha256sum | cut -d' ' -f1)" \
  "$(openssl x509 -in sub.crt -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)"
finish
