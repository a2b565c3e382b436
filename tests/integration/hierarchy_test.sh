#!/usr/bin/env bash
# The example hierarchy ceremony end to end, every artifact checked by independent verifiers:
# openssl verify -x509_strict -crl_check, openssl crl -verify, openssl ocsp, GnuTLS certtool,
# NSS vfychain and Botan path validation with CRLs; the revoked subordinate is reported revoked by
# each. CRL and OCSP dates are moved to around today so the test does not age. The ceremony runs
# under its 3-of-5 quorum, and an auditor's replay re-derives every artifact from its transcript.
# Its documents: the run-sheet before the run, the auditor's report after it (against the paper
# log's words the run printed), both opened in headless Chromium and read back from the DOM, with
# the four cross-certificates named as such in the table and the picture.
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?}"
ART=${KR_TEST_TMP:-/tmp}/documents-hierarchy
source "$(dirname "$0")/chromium.sh"
records=$WORK/records
new_quorum_softhsm example-hierarchy-hsm "$records" 3 Cara Dev Eli Fay Gus
this_update=$(date -u -d 'yesterday' +%Y-%m-%dT00:00:00Z)
next_update=$(date -u -d 'yesterday + 300 days' +%Y-%m-%dT00:00:00Z)
revoked_at=$(date -u -d '2 days ago' +%Y-%m-%dT00:00:00Z)
sed -e "s/2026-11-01T00:00:00Z/$this_update/; s/2027-10-31T00:00:00Z/$next_update/; s/2026-10-15T00:00:00Z/$revoked_at/g" \
  "$KR_SOURCE_DIR/ceremony-scripts/example-hierarchy.yaml" > "$records/hierarchy.yaml"
out=$records/out

run_expect 0 "$KR_BIN/kr-ceremony" runsheet "$records/hierarchy.yaml" --output-dir "$out" --out "$WORK/hierarchy-runsheet.html"
assert_eq "runsheet: says what it wrote" "run-sheet for example-hierarchy (39 steps) written to $WORK/hierarchy-runsheet.html" "$OUT"
run_expect 0 "$KR_BIN/kr-ceremony" run "$records/hierarchy.yaml" --output-dir "$out" "${QUORUM_ARGS[@]}"
run_out=$OUT
assert_eq "run: the four cross-certificates are called so as they are made" \
  "root-ca-1-by-legacy.crt root-ca-2-by-legacy.crt root-ca-3-by-legacy.crt root-ca-4-by-legacy.crt" \
  "$(sed -n 's/^cross-certificate \([^:]*\): .*/\1/p' <<<"$run_out" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "run summary: four cross-certificates, five root certificates" "4 5" \
  "$(grep -cE '^  [^ ]+\.crt +cross-certificate ' <<<"$run_out") $(grep -cE '^  [^ ]+\.crt +root certificate ' <<<"$run_out")"
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

# --- The documents: run-sheet and report in Chromium ---------------------------------------------
log=$out/example-hierarchy.events.jsonl
root=$(sed -n 's/^ *1  final transcript root (hex): \([0-9a-f]\{64\}\)$/\1/p' <<<"$run_out")
words=$(awk '/final transcript root \(PGP words\):/{f=1; next} f && /^      /{print; next} {f=0}' <<<"$run_out" |
  tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
run_expect 0 "$KR_BIN/kr-transcript" report "$log" --artifacts "$out" --audit-key "$audit_key" \
  --out "$WORK/hierarchy-report.html" --expect-root "$words"
assert_eq "report: the verdict, then where it went" \
  "OK: the transcript verifies and every step replays
report written to $WORK/hierarchy-report.html" "$OUT"
run_expect 0 "$KR_BIN/kr-transcript" report "$log" --artifacts "$out" --audit-key "$audit_key" \
  --out "$WORK/hierarchy-report.json" --format json --expect-root "$root"
assert_eq "report json: the cross-certificates are the four cross-sign outputs" \
  "root-ca-1-by-legacy.crt root-ca-2-by-legacy.crt root-ca-3-by-legacy.crt root-ca-4-by-legacy.crt" \
  "$(jq -r '[.artifacts[] | select(.kind == "cross-certificate") | .name] | join(" ")' "$WORK/hierarchy-report.json")"
assert_eq "report json: the picture has the same four cross-certificates" 4 \
  "$(jq '[.hierarchy.nodes[] | select(.kind == "cross-certificate")] | length' "$WORK/hierarchy-report.json")"
assert_eq "report json: kinds of artifact" "CA certificate CRL CSR OCSP response cross-certificate key root certificate" \
  "$(jq -r '[.artifacts[].kind] | unique | join(" ")' "$WORK/hierarchy-report.json")"
# The picture: a node for every key and artifact the script's steps make, counted from the script.
steps_of() { grep -c "^    $1:" "$records/hierarchy.yaml"; }
assert_eq "report json: the picture's nodes by kind, one per step that makes one" \
  "$(steps_of issue) $(steps_of sign-crl) $(steps_of make-csr) $(steps_of sign-ocsp-response) $(steps_of cross-sign) $(steps_of generate-key) $(steps_of self-sign)" \
  "$(jq -r '[.hierarchy.nodes | group_by(.kind)[] | length] | join(" ")' "$WORK/hierarchy-report.json")"
if [[ -z $CHROMIUM ]]; then
  fail "chromium is not installed (scripts/install-deps installs it)"
  finish; exit
fi
chromium_render hierarchy-runsheet "$WORK/hierarchy-runsheet.html"
chromium_render hierarchy-report "$WORK/hierarchy-report.html"
wait
chromium_rendered hierarchy-runsheet hierarchy-report
grep -q 'id="step-count">39<' <<<"$(dom hierarchy-runsheet)" && pass "DOM run-sheet: 39 steps" || fail "DOM run-sheet: steps"
assert_eq "DOM run-sheet: one block per step" 39 "$(grep -c '<section class="step"' "$ART/hierarchy-runsheet.dom.html")"
grep -q 'id="step-count">39<' <<<"$(dom hierarchy-report)" && pass "DOM report: 39 steps" || fail "DOM report: steps"
grep -q "id=\"final-root\">$root<" <<<"$(dom hierarchy-report)" && pass "DOM report: the final root" || fail "DOM report: root"
grep -q 'class="verdict ok" id="expect-root"' <<<"$(dom hierarchy-report)" &&
  pass "DOM report: the paper log's words match" || fail "DOM report: expect-root"
for c in Cara Dev Eli Fay Gus; do
  grep -q "<td class=\"role-name\">$c</td>" <<<"$(dom hierarchy-runsheet)" && pass "DOM run-sheet: custodian $c" || fail "DOM run-sheet: $c"
  grep -q "<th class=\"custodian\">$c</th>" <<<"$(dom hierarchy-report)" && pass "DOM report: custodian $c's column" || fail "DOM report: $c"
done
assert_eq "DOM report: the artifact table names four cross-certificates" 4 \
  "$(grep -o '<td>cross-certificate</td><td class="mono">root-ca-[1-4]-by-legacy.crt</td>' "$ART/hierarchy-report.dom.html" | wc -l)"
assert_eq "DOM report: the picture labels four cross-certificates" 4 \
  "$(grep -o '>cross-certificate: root-ca-[1-4]-by-legacy.crt<' "$ART/hierarchy-report.dom.html" | wc -l)"
finish
