#!/usr/bin/env bash
# The example hierarchy ceremony end to end, every artifact checked by independent verifiers:
# openssl verify -x509_strict -crl_check, openssl crl -verify, openssl ocsp, GnuTLS certtool,
# NSS vfychain and Botan path validation with CRLs; the revoked subordinate is reported revoked by
# each. CRL and OCSP dates are moved to around today so the test does not age. The ceremony runs
# under its 3-of-5 quorum, and an auditor's replay re-derives every artifact from its transcript.
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?}"
records=$WORK/records
new_quorum_softhsm example-hierarchy-hsm "$records" 3 Cara Dev Eli Fay Gus
this_update=$(date -u -d 'yesterday' +%Y-%m-%dT00:00:00Z)
next_update=$(date -u -d 'yesterday + 300 days' +%Y-%m-%dT00:00:00Z)
revoked_at=$(date -u -d '2 days ago' +%Y-%m-%dT00:00:00Z)
sed -e "s/2026-11-01T00:00:00Z/$this_update/; s/2027-10-31T00:00:00Z/$next_update/; s/2026-10-15T00:00:00Z/$revoked_at/g" \
  "$KR_SOURCE_DIR/ceremony-scripts/example-hierarchy.yaml" > "$records/hierarchy.yaml"
out=$records/out

run_expect 0 "$KR_BIN/kr-ceremony" run "$records/hierarchy.yaml" --output-dir "$out" "${QUORUM_ARGS[@]}"
cd "$out"
pem() { openssl x509 -in "$1" -outform PEM; }

# --- OpenSSL: chains with CRL checking, CRL signatures, OCSP responses --------------------------
for n in 1 2 3 4; do
  run_expect 0 openssl verify -x509_strict -crl_check -CAfile root-ca-$n.crt -CRLfile root-ca-$n.crl sub-ca-${n}a.crt
  assert_eq "openssl: sub-ca-${n}a chains to root $n with its CRL" "sub-ca-${n}a.crt: OK" "$OUT"
  run_expect 0 openssl crl -in root-ca-$n.crl -noout -verify -CAfile root-ca-$n.crt
  assert_eq "openssl: CRL of root $n verifies" "verify OK" "$ERR"
  run_expect 0 openssl ocsp -respin sub-ca-${n}a.ocsp -issuer root-ca-$n.crt -cert sub-ca-${n}a.crt -CAfile root-ca-$n.crt -no_nonce
  assert_eq "openssl: OCSP response for sub-ca-${n}a verifies and says good" "sub-ca-${n}a.crt: good" "$(head -1 <<<"$OUT")"
  grep -q "Response verify OK" <<<"$ERR" && pass "openssl: OCSP ${n}a signature OK" || fail "ocsp ${n}a: $ERR"
  # Through the cross-certificate, to the legacy root alone.
  run_expect 0 openssl verify -x509_strict -CAfile legacy-root.crt -untrusted root-ca-$n-by-legacy.crt sub-ca-${n}a.crt
  assert_eq "openssl: sub-ca-${n}a chains to the legacy root through the cross-certificate" "sub-ca-${n}a.crt: OK" "$OUT"
done
run_expect 2 openssl verify -x509_strict -crl_check -CAfile root-ca-1.crt -CRLfile root-ca-1.crl sub-ca-1b.crt || true
grep -q "certificate revoked" <<<"$OUT$ERR" && pass "openssl: the revoked subordinate is reported revoked" || fail "openssl revoked: $OUT $ERR"
run_expect 0 openssl ocsp -respin sub-ca-1b.ocsp -issuer root-ca-1.crt -cert sub-ca-1b.crt -CAfile root-ca-1.crt -no_nonce
assert_eq "openssl: OCSP says revoked" "sub-ca-1b.crt: revoked" "$(head -1 <<<"$OUT")"

# --- GnuTLS certtool ---------------------------------------------------------------------------
for n in 1 2 3 4; do
  pem sub-ca-${n}a.crt > chain-$n.pem
  run_expect 0 certtool --verify --load-ca-certificate root-ca-$n.crt --load-crl root-ca-$n.crl --infile chain-$n.pem
  grep -q "Chain verification output: Verified" <<<"$OUT" && pass "certtool: sub-ca-${n}a verified with root $n and its CRL" || fail "certtool $n: $OUT"
  run_expect 0 certtool --crl-info --infile root-ca-$n.crl --load-ca-certificate root-ca-$n.crt --verify-crl
  grep -q "Verified" <<<"$OUT$ERR" && pass "certtool: CRL of root $n verified" || fail "certtool crl $n: $OUT $ERR"
done
pem sub-ca-1b.crt > chain-1b.pem
run_expect 1 certtool --verify --load-ca-certificate root-ca-1.crt --load-crl root-ca-1.crl --infile chain-1b.pem || true
grep -qi "revoked" <<<"$OUT$ERR" && pass "certtool: the revoked subordinate is reported revoked" || fail "certtool revoked: $OUT $ERR"

# --- NSS vfychain ------------------------------------------------------------------------------
nssdb=$WORK/nssdb; mkdir -p "$nssdb"
certutil -N -d "sql:$nssdb" --empty-password
for n in 1 2 3 4; do
  certutil -A -d "sql:$nssdb" -n "root-$n" -t "C,," -i root-ca-$n.crt
  openssl crl -in root-ca-$n.crl -outform DER -out root-ca-$n.crl.der
  crlutil -I -d "sql:$nssdb" -t 1 -i root-ca-$n.crl.der
done
for n in 1 2 3 4; do
  run_expect 0 vfychain -d "sql:$nssdb" -pp -u 3 -g leaf -m crl -s requireInfo -a sub-ca-${n}a.crt
  grep -q "Chain is good" <<<"$OUT$ERR" && pass "vfychain: sub-ca-${n}a is good, with CRL checking" || fail "vfychain $n: $OUT $ERR"
done
run_expect 1 vfychain -d "sql:$nssdb" -pp -u 3 -g leaf -m crl -s requireInfo -a sub-ca-1b.crt || true
grep -qi "revoked" <<<"$OUT$ERR" && pass "vfychain: the revoked subordinate is reported revoked" || fail "vfychain revoked: $OUT $ERR"

# --- Botan path validation with CRLs -------------------------------------------------------------
for n in 1 2 3 4; do
  run_expect 0 "$KR_TEST_BIN/kr-botan-verify" sub-ca-${n}a.crt --anchor root-ca-$n.crt --crl root-ca-$n.crl
  assert_eq "botan: sub-ca-${n}a validates with the CRL" "OK" "$OUT"
  run_expect 0 "$KR_TEST_BIN/kr-botan-verify" sub-ca-${n}a.crt --anchor legacy-root.crt \
    --intermediate root-ca-$n-by-legacy.crt --crl root-ca-$n.crl --crl legacy-root.crl
  assert_eq "botan: sub-ca-${n}a validates through the cross-certificate" "OK" "$OUT"
done
run_expect 1 "$KR_TEST_BIN/kr-botan-verify" sub-ca-1b.crt --anchor root-ca-1.crt --crl root-ca-1.crl || true
grep -qi "revoked" <<<"$OUT" && pass "botan: the revoked subordinate is reported revoked" || fail "botan revoked: $OUT"

# --- Records: disclosure inventory and CRL numbers ---------------------------------------------
inv=example-hierarchy.inventory.jsonl
assert_eq "every CA certificate is in the inventory (5 roots, 4 cross, 5 subordinates)" "14" "$(wc -l < "$inv")"
for f in *.crt; do
  want=$(openssl x509 -in "$f" -outform DER | sha256sum | cut -d' ' -f1)
  got=$(jq -r "select(.file==\"$f\") | .certificate_sha256" "$inv")
  [[ $want == "$got" ]] || fail "inventory hash of $f"
done
pass "inventory hashes match the certificates"
assert_eq "the revoked subordinate's CRL URL is recorded" "http://crl.example.com/root-ca-1.crl" \
  "$(jq -r 'select(.file=="sub-ca-1b.crt") | .crl_urls[0]' "$inv")"
assert_eq "five CRLs, each numbered 1 for its issuer" "01 01 01 01 01" \
  "$(jq -r 'select(.state == "issued") | .crl_number' "$records/crl-state.jsonl" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "each number was reserved before its CRL was signed" "reserved issued reserved issued reserved issued reserved issued reserved issued" \
  "$(jq -r .state "$records/crl-state.jsonl" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "CRL number in the CRL itself" "crlNumber=0x01" "$(openssl crl -in root-ca-1.crl -noout -crlnumber)"
# --- The auditor: the transcript verifies and every step replays ---------------------------------
audit_key=$records/example-hierarchy-hsm.shares.json.audit-key.pem
run_expect 0 "$KR_BIN/kr-transcript" replay "$out/example-hierarchy.events.jsonl" --artifacts "$out" \
  --audit-key "$audit_key" --format json
assert_eq "replay: the whole hierarchy ceremony replays clean" "ok" "$(jq -r .verdict <<<"$OUT")"
assert_eq "replay: every step was checked and is ok" "39" \
  "$(jq '[.steps[] | select(.verdict == "ok")] | length' <<<"$OUT")"
finish
