#!/usr/bin/env bash
# kr-testpki rehearse: the example ceremonies in ceremony-scripts/ run with throwaway software
# keys (kr-ceremony check's rehearsal, no token, no custodians) and laid out as kr-testpki lays out
# a hierarchy. Every artifact of the example hierarchy is checked by openssl as the real run's
# would be (chains with CRLs, OCSP), the manifest and REHEARSAL.txt say these are rehearsal
# artifacts with throwaway keys, two rehearsals differ (fresh keys), the ceremony's own output
# directory stays untouched, and the output directory rules are generate's.
source "$(dirname "$0")/lib.sh"
TP=$KR_BIN/kr-testpki
cd "$WORK"

status() {
  set +e
  "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  local s=$?
  set -e
  echo "$s"
}

# The hierarchy example with its CRL and OCSP dates moved to around today, as hierarchy_test does.
this_update=$(date -u -d 'yesterday' +%Y-%m-%dT00:00:00Z)
next_update=$(date -u -d 'yesterday + 300 days' +%Y-%m-%dT00:00:00Z)
revoked_at=$(date -u -d '2 days ago' +%Y-%m-%dT00:00:00Z)
sed -e "s/2026-11-01T00:00:00Z/$this_update/; s/2026-10-15T00:00:00Z/$revoked_at/g; s/2027-10-31T00:00:00Z/$next_update/" \
  "$KR_SOURCE_DIR/ceremony-scripts/example-hierarchy.yaml" > hierarchy.yaml
mkdir ceremony-out
start=$(date +%s)
assert_eq "rehearse the example hierarchy: exit 0" "0" \
  "$(status "$TP" rehearse hierarchy.yaml --out rehearsal --output-dir ceremony-out)"
took=$(($(date +%s) - start))
[[ $took -lt 60 ]] && pass "... in seconds ($took s)" || fail "rehearse took $took s"
assert_eq "... says it is a rehearsal, with throwaway keys" "2" \
  "$(grep -c -e '^kr-testpki: REHEARSAL of ceremony example-hierarchy: ' -e '^kr-testpki: REHEARSAL ARTIFACTS: every signature here was made with a throwaway software key' "$WORK/stdout")"
assert_eq "the ceremony's output directory is untouched" "" "$(ls -A ceremony-out)"

M=rehearsal/manifest.json
assert_eq "manifest: rehearsal and throwaway-keys flags, the ceremony and its script's hash" \
  "true true example-hierarchy $(sha256sum hierarchy.yaml | cut -d' ' -f1)" \
  "$(jq -r '"\(.rehearsal) \(."throwaway-keys") \(.ceremony) \(."script-sha256")"' "$M")"
assert_eq "manifest: every step of the script, each rehearsed" "39 39" \
  "$(jq '.steps | length' "$M") $(jq '[.steps[] | select(.rehearsed)] | length' "$M")"
crts=$(grep -c 'output: .*\.crt' hierarchy.yaml)
assert_eq "manifest: a certificate per .crt output of the script" "$crts" "$(jq '.certificates | length' "$M")"
assert_eq "manifest: the CRLs and OCSP responses the script makes" \
  "$(grep -c 'sign-crl:' hierarchy.yaml) $(grep -c 'sign-ocsp-response:' hierarchy.yaml)" \
  "$(jq '.crls | length' "$M") $(jq '."ocsp-responses" | length' "$M")"
assert_eq "manifest: each CRL's entry count is openssl's" \
  "$(for c in $(jq -r '.crls[].name' "$M"); do openssl crl -in "rehearsal/$c.crl.pem" -noout -text | grep -c 'Serial Number:'; done | paste -sd' ')" \
  "$(jq -r '[.crls[].entries] | map(tostring) | join(" ")' "$M")"
missing=0
for f in $(jq -r '.certificates[].files[].path, .crls[].files[].path, ."ocsp-responses"[].files[].path, .csrs[].files[].path, ."other-files"[].path' "$M"); do
  [[ -f rehearsal/$f ]] || { missing=1; echo "missing $f" >&2; }
done
assert_eq "every file the manifest lists exists" "0" "$missing"
assert_eq "manifest.json and the listed files are all there is" \
  "$(($(jq '[.certificates[].files[], .crls[].files[], ."ocsp-responses"[].files[], .csrs[].files[], ."other-files"[]] | length' "$M") + 1))" \
  "$(ls -A rehearsal | wc -l)"
assert_eq "REHEARSAL.txt warns whoever opens the directory" "1" \
  "$(grep -c '^REHEARSAL ARTIFACTS: every signature here was made with a throwaway software key' rehearsal/REHEARSAL.txt)"
assert_eq "certificates in both forms: NAME.crt is PEM, NAME.der the same certificate" \
  "$(openssl x509 -in rehearsal/sub-ca-1a.crt -outform DER | sha256sum)" "$(sha256sum < rehearsal/sub-ca-1a.der)"

# The artifacts as the real run's are checked (hierarchy_test): chains with CRLs, CRL signatures,
# OCSP responses.
cd rehearsal
for n in 1 2 3 4; do
  assert_eq "openssl verify -crl_check: sub-ca-${n}a under root $n with its CRL" "sub-ca-${n}a.crt: OK" \
    "$(openssl verify -x509_strict -crl_check -CAfile root-ca-$n.crt -CRLfile root-ca-$n.crl.pem sub-ca-${n}a.crt 2>&1)"
  assert_eq "openssl crl -verify: the CRL of root $n" "verify OK" \
    "$(openssl crl -in root-ca-$n.crl -inform DER -noout -verify -CAfile root-ca-$n.crt 2>&1)"
  assert_eq "sub-ca-${n}a chains to the legacy root through the cross-certificate" "sub-ca-${n}a.crt: OK" \
    "$(openssl verify -x509_strict -CAfile legacy-root.crt -untrusted root-ca-$n-by-legacy.crt sub-ca-${n}a.crt 2>&1)"
done
for n in 1 2 3 4; do
  assert_eq "openssl ocsp: the response for sub-ca-${n}a says good, signed by root $n" "sub-ca-${n}a.crt: good|Response verify OK" \
    "$(openssl ocsp -respin sub-ca-${n}a.ocsp.der -issuer root-ca-$n.crt -cert sub-ca-${n}a.crt -CAfile root-ca-$n.crt -no_nonce 2>&1 | grep -E '^Response verify OK|: good' | sort -r | paste -sd'|')"
done
cd "$WORK"

# Fresh throwaway keys every rehearsal: nothing to mistake for the ceremony's keys.
"$TP" rehearse hierarchy.yaml --out rehearsal2 --output-dir ceremony-out >/dev/null
assert_eq "a second rehearsal has other keys" "1" \
  "$(cmp -s <(openssl x509 -in rehearsal/root-ca-1.crt -noout -pubkey) <(openssl x509 -in rehearsal2/root-ca-1.crt -noout -pubkey) || echo 1)"

# The roots example, under its quorum: no custodian is asked anything in a rehearsal.
cp "$KR_SOURCE_DIR/ceremony-scripts/example-roots-2015.yaml" roots.yaml
assert_eq "rehearse the roots example: exit 0" "0" "$(status "$TP" rehearse roots.yaml --out roots --output-dir roots-out)"
assert_eq "... four root certificates and four exported public keys" "4 4" \
  "$(jq '.certificates | length' roots/manifest.json) $(jq '[."other-files"[] | select(.path | endswith(".pub.pem"))] | length' roots/manifest.json)"
for n in 1 2 3 4; do
  assert_eq "root $n verifies as a self-signed root" "roots/root-ca-$n.crt: OK" \
    "$(openssl verify -x509_strict -CAfile roots/root-ca-$n.crt roots/root-ca-$n.crt 2>&1)"
done

# A step signed by a key already on the token (its certificate on disk): a stand-in signs, and
# both the tool and the manifest say so.
"$TP" quick --out existing >/dev/null
cat > crl.yaml <<'YAML'
keyrite: 1
ceremony: {id: crl-only, test: true}
token: {module: softhsm2, label: some-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: existing/root.crt}
      this-update: 2026-12-01T00:00:00Z
      next-update: 2027-01-01T00:00:00Z
      state: crl-state.jsonl
      output: root-next.crl
YAML
assert_eq "rehearse a CRL by a key already on the token: exit 0" "0" \
  "$(status "$TP" rehearse crl.yaml --out crl-rehearsal --output-dir crl-out)"
assert_eq "... the manifest names the stand-in" '["root"]' "$(jq -c '.steps[0]."stand-in-signers"' crl-rehearsal/manifest.json)"
assert_eq "... and so does the tool" "1" "$(grep -c 'key "root" is already on the token; a stand-in signed' "$WORK/stdout")"
assert_eq "... whose CRL indeed does not verify against the real root" "1" \
  "$(openssl crl -in crl-rehearsal/root-next.crl -inform DER -noout -verify -CAfile existing/root.crt 2>&1 | grep -c 'verify failure')"
assert_eq "... and an empty CRL counts 0 entries" "0" "$(jq '.crls[0].entries' crl-rehearsal/manifest.json)"
assert_eq "the hierarchy's steps had no stand-in" "0" "$(jq '[.steps[] | select(."stand-in-signers")] | length' rehearsal/manifest.json)"

# Output directory rules: never an overwrite; a refused script writes nothing.
assert_eq "a non-empty --out is refused (usage error)" "1" "$(status "$TP" rehearse roots.yaml --out roots --output-dir roots-out)"
assert_eq "... saying why" "1" "$(grep -c 'is not empty; kr-testpki never overwrites' "$WORK/stderr")"
sed 's/validity: {not-before: 2015-05-26T00:00:00Z, not-after: 2038-01-17T00:00:00Z}/validity: {not-before: 2015-05-26T00:00:00Z, not-after: 2065-01-17T00:00:00Z}/' \
  roots.yaml > too-long.yaml
assert_eq "a script the profiles refuse: exit 2" "2" "$(status "$TP" rehearse too-long.yaml --out refused --output-dir roots-out)"
assert_eq "... with FILE:LINE:COLUMN" "1" "$(grep -c '^kr-testpki: error: .*too-long.yaml:[0-9]*:[0-9]*: ' "$WORK/stderr")"
assert_no_file "... and nothing written" "$WORK/refused"

finish
