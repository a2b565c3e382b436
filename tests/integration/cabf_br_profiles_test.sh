#!/usr/bin/env bash
# A ceremony under the CA/Browser Forum BR profile set on SoftHSM: a root (cabf-br/root-ca), a
# second root cross-certified by it with extendedKeyUsage and a caIssuers-only AIA (the shape of
# Let's Encrypt's cross-certificates), an OCSP responder certificate without certificatePolicies,
# a TLS subordinate whose names are PrintableString, a technically constrained TLS subordinate
# (nameConstraints, BRs 7.1.2.5), and the real ISRG Root YE cross-certified with the structure of
# Let's Encrypt's cross-certificates (its PrintableString subject and RFC 7093 key identifier
# copied, EKU, caIssuers-only AIA, a CPS URI qualifier). openssl, certtool and Botan accept them,
# a real Let's Encrypt intermediate chains through the cross-certificate, and kr-lint
# --profile-set cabf-br reports nothing.
source "$(dirname "$0")/lib.sh"
new_softhsm br-hsm
records=$WORK/records; mkdir -p "$records"
cd "$records"
cp "$KR_SOURCE_DIR/tests/data/realworld/isrg-root-ye.pem" "$KR_SOURCE_DIR/tests/data/realworld/le-ye1.pem" .
cat > br.yaml <<'YAML'
keyrite: 1
ceremony: {id: br-profiles, test: true}
token: {module: softhsm2, label: br-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: root-key
    generate-key: {label: root, type: ec, curve: P-384}
  - id: root
    self-sign:
      key: root
      profile: cabf-br/root-ca
      subject: {C: US, O: Example, CN: Example BR Root X1}
      validity: {not-before: 2025-01-01T00:00:00Z, not-after: 2045-01-01T00:00:00Z}
      output: root.crt
  - id: root2-key
    generate-key: {label: root2, type: ec, curve: P-256}
  - id: root2
    self-sign:
      key: root2
      profile: cabf-br/root-ca
      subject: {C: US, O: Example, CN: Example BR Root X2}
      subject-printable: [O, CN]
      validity: {not-before: 2025-06-01T00:00:00Z, not-after: 2045-06-01T00:00:00Z}
      output: root2.crt
  - id: cross
    cross-sign:
      issuer: {key: root, certificate: root.crt}
      certificate: root2.crt
      profile: cabf-br/cross-ca
      validity: {not-before: 2025-06-01T00:00:00Z, not-after: 2035-06-01T00:00:00Z}
      extensions:
        extended-key-usage: [serverAuth, clientAuth]
        ca-issuers: [http://x1.i.example.org/]
        crl-distribution-points: [http://x1.c.example.org/]
        policies: [2.23.140.1.2.1]
      output: root2-by-root.crt
  - id: ocsp-key
    generate-key: {label: ocsp, type: ec, curve: P-256}
  - id: ocsp-pub
    export-public-key: {key: ocsp, output: ocsp.pub.pem}
  - id: ocsp
    issue:
      issuer: {key: root, certificate: root.crt}
      profile: cabf-br/ocsp-responder
      public-key: ocsp.pub.pem
      subject: {C: US, O: Example, CN: Example BR Root X1 OCSP}
      validity: {not-before: OCSP_NOT_BEFORE, not-after: OCSP_NOT_AFTER}
      output: ocsp.crt
  - id: sub-key
    generate-key: {label: sub, type: ec, curve: P-256}
  - id: sub-pub
    export-public-key: {key: sub, output: sub.pub.pem}
  - id: sub
    issue:
      issuer: {key: root, certificate: root.crt}
      profile: cabf-br/tls-subordinate-ca
      public-key: sub.pub.pem
      subject: {C: US, O: Example, CN: Example TLS CA 1}
      subject-printable: [O, CN]
      validity: {not-before: 2025-06-01T00:00:00Z, not-after: 2030-06-01T00:00:00Z}
      extensions:
        path-length: 0
        ca-issuers: [http://x1.i.example.org/]
        crl-distribution-points: [http://x1.c.example.org/]
        policies: [2.23.140.1.2.1]
      output: sub.crt
  - id: tcsc-key
    generate-key: {label: tcsc, type: ec, curve: P-256}
  - id: tcsc-pub
    export-public-key: {key: tcsc, output: tcsc.pub.pem}
  - id: tcsc
    issue:
      issuer: {key: root, certificate: root.crt}
      profile: cabf-br/constrained-tls-subordinate-ca
      public-key: tcsc.pub.pem
      subject: {C: US, O: Example, CN: Example Constrained TLS CA 1}
      validity: {not-before: 2025-06-01T00:00:00Z, not-after: 2030-06-01T00:00:00Z}
      extensions:
        path-length: 0
        ca-issuers: [http://x1.i.example.org/]
        crl-distribution-points: [http://x1.c.example.org/]
        policies: [2.23.140.1.2.1]
        name-constraints:
          permitted:
            dns-names: [example.com]
            ip-addresses: [192.0.2.0/24]
            directory-names: [{C: US, O: Example}]
          excluded:
            ip-addresses: ["::/0"]
      output: tcsc.crt
  - id: ye-cross
    cross-sign:
      issuer: {key: root, certificate: root.crt}
      certificate: isrg-root-ye.pem
      profile: cabf-br/cross-ca
      validity: {not-before: 2025-09-03T00:00:00Z, not-after: 2035-09-02T23:59:59Z}
      extensions:
        extended-key-usage: [serverAuth, clientAuth]
        ca-issuers: [http://x1.i.example.org/]
        crl-distribution-points: [http://x1.c.example.org/]
        policies: [2.23.140.1.2.1, 1.3.6.1.4.1.44947.1.1.1]
        policy-qualifiers:
          - {policy: 1.3.6.1.4.1.44947.1.1.1, cps: [http://cps.example.org/]}
      output: ye-by-root.crt
YAML
# A responder certificate lives a year at most: its dates move with today so the test does not age.
sed -i -e "s/OCSP_NOT_BEFORE/$(date -u -d yesterday +%Y-%m-%dT00:00:00Z)/" \
  -e "s/OCSP_NOT_AFTER/$(date -u -d 'yesterday + 300 days' +%Y-%m-%dT00:00:00Z)/" br.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run br.yaml --output-dir out --pin-fd 3 3<"$WORK/user.pin"
cd out

# --- what was made -------------------------------------------------------------------------------
text() { openssl x509 -in "$1" -noout -text; }
assert_eq "the cross-certificate's extensions in Let's Encrypt's order" \
  "X509v3 Key Usage|X509v3 Extended Key Usage|X509v3 Basic Constraints|X509v3 Subject Key Identifier|X509v3 Authority Key Identifier|Authority Information Access|X509v3 Certificate Policies|X509v3 CRL Distribution Points" \
  "$(text root2-by-root.crt | grep -oE '^ +(X509v3 [A-Za-z ]+|Authority Information Access):' | sed -E 's/^ +//; s/:$//' | grep -vx 'X509v3 extensions' | paste -sd'|')"
assert_eq "the cross-certificate's AIA holds only caIssuers" "CA Issuers - URI:http://x1.i.example.org/" \
  "$(text root2-by-root.crt | grep -A2 'Authority Information Access' | grep URI | sed -E 's/^ +//')"
assert_eq "the cross-certificate's EKU" "TLS Web Server Authentication, TLS Web Client Authentication" \
  "$(text root2-by-root.crt | grep -A1 'Extended Key Usage' | tail -1 | sed -E 's/^ +//')"
assert_eq "the cross-certificate carries root2's subject bytes" \
  "$(openssl x509 -in root2.crt -noout -subject -nameopt RFC2253,dump_all)" \
  "$(openssl x509 -in root2-by-root.crt -noout -subject -nameopt RFC2253,dump_all)"
if text ocsp.crt | grep -q "Certificate Policies"; then fail "the OCSP responder has policies"
else pass "the OCSP responder certificate has no certificatePolicies"; fi
string_types() {
  python3 -c 'import sys; from cryptography import x509
c = x509.load_pem_x509_certificate(open(sys.argv[1], "rb").read())
print(" ".join(a._type.name for a in c.subject))' "$1"
}
assert_eq "the subordinate's C, O and CN are PrintableString" "PrintableString PrintableString PrintableString" "$(string_types sub.crt)"
assert_eq "an untouched subject: C PrintableString, O and CN UTF8String" "PrintableString UTF8String UTF8String" "$(string_types root.crt)"
assert_eq "the root has its own AKI (BRs 7.1.2.1.3)" \
  "$(text root.crt | grep -A1 'Subject Key Identifier' | tail -1 | sed -E 's/^ +//')" \
  "$(text root.crt | grep -A1 'Authority Key Identifier' | tail -1 | sed -E 's/^ +//; s/^keyid://')"

assert_eq "the constrained subordinate's nameConstraints, critical" \
  "X509v3 Name Constraints: critical|Permitted:|DNS:example.com|IP:192.0.2.0/255.255.255.0|DirName:C = US, O = Example|Excluded:|IP:0:0:0:0:0:0:0:0/0:0:0:0:0:0:0:0" \
  "$(text tcsc.crt | sed -n '/Name Constraints/,/Signature Algorithm/p' | grep -v 'Signature Algorithm' | sed -E 's/^ +//' | paste -sd'|')"
# Let's Encrypt's shape from a script: Root YE's subject bytes (PrintableString) and its RFC 7093
# identifier copied, EKU, caIssuers only, the CPS URI written as an id-qt-cps qualifier.
# dump_all prints each value's DER (tag included), so the string types are compared too.
subject_der() { openssl x509 -in "$1" -noout -subject -nameopt RFC2253,dump_all; }
assert_eq "the YE cross-certificate carries Root YE's subject bytes" \
  "$(subject_der "$records/isrg-root-ye.pem")" "$(subject_der ye-by-root.crt)"
assert_eq "... and its subject key identifier" \
  "$(text "$records/isrg-root-ye.pem" | grep -A1 'Subject Key Identifier' | tail -1)" \
  "$(text ye-by-root.crt | grep -A1 'Subject Key Identifier' | tail -1)"
assert_eq "... and the CPS URI qualifier" \
  "Policy: 2.23.140.1.2.1|Policy: 1.3.6.1.4.1.44947.1.1.1|CPS: http://cps.example.org/" \
  "$(text ye-by-root.crt | sed -n '/Certificate Policies/,/CRL Distribution/p' | grep -E 'Policy:|CPS:' | sed -E 's/^ +//' | paste -sd'|')"
assert_eq "... and caIssuers only" "CA Issuers - URI:http://x1.i.example.org/" \
  "$(text ye-by-root.crt | grep -A2 'Authority Information Access' | grep URI | sed -E 's/^ +//')"

# --- openssl -------------------------------------------------------------------------------------
run_expect 0 openssl verify -x509_strict -CAfile root.crt sub.crt
assert_eq "openssl: the PrintableString subordinate chains to the root" "sub.crt: OK" "$OUT"
run_expect 0 openssl verify -x509_strict -CAfile root.crt ocsp.crt
assert_eq "openssl: the OCSP responder certificate chains to the root" "ocsp.crt: OK" "$OUT"
run_expect 0 openssl verify -x509_strict -CAfile root.crt root2-by-root.crt
assert_eq "openssl: the cross-certificate chains to the root" "root2-by-root.crt: OK" "$OUT"
run_expect 0 openssl verify -x509_strict -CAfile root.crt tcsc.crt
assert_eq "openssl: the constrained subordinate chains to the root" "tcsc.crt: OK" "$OUT"
run_expect 0 openssl verify -x509_strict -CAfile root.crt -untrusted ye-by-root.crt "$records/le-ye1.pem"
assert_eq "openssl: the real Let's Encrypt YE1 chains through the YE cross-certificate" "$records/le-ye1.pem: OK" "$OUT"

# --- certtool ------------------------------------------------------------------------------------
for c in sub ocsp root2-by-root tcsc ye-by-root; do
  openssl x509 -in $c.crt -outform PEM > $c.chain.pem
  run_expect 0 certtool --verify --load-ca-certificate root.crt --infile $c.chain.pem
  grep -q "Chain verification output: Verified" <<<"$OUT" && pass "certtool: $c verified" || fail "certtool $c: $OUT"
done

# --- Botan ---------------------------------------------------------------------------------------
# Botan 2 cannot read an IPv6 subtree (its GeneralName decoder throws "Unsupported IPv6 name
# constraint"), so it takes the constrained subordinate's critical nameConstraints for an unknown
# extension; the BRs require IPv6 to be permitted or excluded, so no BR constrained subordinate
# validates under Botan 2. What it says is checked, not skipped.
run_expect 1 "$KR_TEST_BIN/kr-botan-verify" tcsc.crt --anchor root.crt
assert_eq "botan 2: refuses the IPv6 name constraint it cannot read" \
  "Botan path validation failed: Unknown critical extension encountered" "$OUT"
for c in sub ocsp root2-by-root ye-by-root; do
  run_expect 0 "$KR_TEST_BIN/kr-botan-verify" $c.crt --anchor root.crt
  assert_eq "botan: $c validates" "OK" "$OUT"
done

# --- kr-lint under the BR set reports nothing ------------------------------------------------
# --issuer applies to every input, so what root.crt issued is linted apart from the roots.
run_expect 0 "$KR_BIN/kr-lint" --profile-set cabf-br --issuer root.crt sub.crt ocsp.crt
assert_eq "kr-lint --profile-set cabf-br: subordinate and responder, no findings" "" "$(grep -E ': (error|warning|notice): ' <<<"$OUT" || true)"
grep -q "2 artifacts in 2 files, 0 with errors, 0 unreadable; 0 errors, 0 warnings, 0 notices" <<<"$OUT" &&
  pass "kr-lint: nothing reported" || fail "kr-lint: $OUT"
grep -q "ocsp.crt: .*; profile cabf-br/ocsp-responder" <<<"$OUT" && pass "kr-lint: the responder under cabf-br/ocsp-responder" || fail "kr-lint ocsp: $OUT"
run_expect 0 "$KR_BIN/kr-lint" --profile-set cabf-br --format json --issuer root.crt tcsc.crt
assert_eq "kr-lint chooses the constrained TLS subordinate profile, no findings" \
  "cabf-br/constrained-tls-subordinate-ca|CA certificate that is not self-signed, extendedKeyUsage serverAuth, nameConstraints|0" \
  "$(jq -r '.files[0] | "\(.profile)|\(.profile_reason)|\(.findings | length)"' <<<"$OUT")"
run_expect 0 "$KR_BIN/kr-lint" --profile-set cabf-br --profile cross-ca --issuer root.crt ye-by-root.crt
assert_eq "kr-lint: the YE cross-certificate with its issuer, no findings" "" "$(grep -E ': (error|warning|notice): ' <<<"$OUT" || true)"
run_expect 0 "$KR_BIN/kr-lint" --profile-set cabf-br --format json ye-by-root.crt "$records/isrg-root-ye.pem"
assert_eq "kr-lint recognises the YE cross-certificate by the real Root YE among its inputs" \
  "cabf-br/cross-ca n_issuer_not_checked|cabf-br/root-ca " \
  "$(jq -r '.files[] | "\(.profile) \([.findings[].id] | join(","))"' <<<"$OUT" | paste -sd'|')"
run_expect 0 "$KR_BIN/kr-lint" --profile-set cabf-br --profile cross-ca --issuer root.crt root2-by-root.crt
assert_eq "kr-lint: the cross-certificate with its issuer, no findings" "" "$(grep -E ': (error|warning|notice): ' <<<"$OUT" || true)"
run_expect 0 "$KR_BIN/kr-lint" --profile-set cabf-br --format json root2-by-root.crt root.crt root2.crt
assert_eq "kr-lint recognises the cross-certificate by root2 among its inputs" "cabf-br/cross-ca" \
  "$(jq -r '.files[0].profile' <<<"$OUT")"
assert_eq "... and says why" "cross-certificate: a CA certificate whose subject name and public key are also those of the self-signed CA certificate \"C = US, O = Example, CN = Example BR Root X2\"" \
  "$(jq -r '.files[0].profile_reason' <<<"$OUT")"
assert_eq "... without --issuer only the notice that the issuer checks did not run" "n_issuer_not_checked" \
  "$(jq -r '[.files[0].findings[].id] | join(",")' <<<"$OUT")"
assert_eq "the roots under cabf-br/root-ca, no findings" "cabf-br/root-ca 0 cabf-br/root-ca 0" \
  "$(jq -r '.files[1:][] | "\(.profile) \(.findings | length)"' <<<"$OUT" | paste -sd' ')"
finish
