#!/usr/bin/env bash
# End-entity profiles a script can now fill completely: EV TLS and EV code signing subjects with
# the EV Guidelines 9.2 attributes (businessCategory, jurisdiction, serialNumber), and the code
# signing subjectAltName permanentIdentifier. Checked by kr-lint, openssl and Botan.
source "$(dirname "$0")/lib.sh"
new_softhsm ee-hsm
r=$WORK/records; mkdir -p "$r"; cd "$r"
nb=$(date -u -d 'yesterday' +%Y-%m-%dT00:00:00Z)
na=$(date -u -d 'yesterday + 700 days' +%Y-%m-%dT00:00:00Z)
for k in tls code; do openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null |
  openssl pkey -pubout -out $k.pub.pem; done
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 2>/dev/null | openssl pkey -pubout -out code.pub.pem
{ yaml_root_and_sub ee ee-hsm "Example EE Issuing CA" 2025-01-01T00:00:00Z; cat <<YAML
  - id: ev-tls
    issue:
      issuer: {key: sub, certificate: sub.crt}
      profile: tls-server-ev
      public-key: tls.pub.pem
      subject:
        C: US
        ST: Delaware
        L: Wilmington
        O: Example Shop Inc.
        businessCategory: Private Organization
        jurisdictionC: US
        jurisdictionST: Delaware
        serialNumber: "5157550"
        CN: shop.example.com
      validity: {not-before: $nb, not-after: $na}
      extensions:
        ca-issuers: [http://crt.example.com/sub.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/sub.crl]
        policies: [1.3.187.1.1, 2.23.140.1.1]
        dns-names: [shop.example.com]
      output: ev-tls.crt
  - id: ev-code
    issue:
      issuer: {key: sub, certificate: sub.crt}
      profile: code-signing-ev
      public-key: code.pub.pem
      subject:
        C: US
        O: Example Software Inc.
        businessCategory: Private Organization
        jurisdictionC: US
        serialNumber: "7654321"
        CN: Example Software Inc.
      validity: {not-before: $nb, not-after: $na}
      extensions:
        ca-issuers: [http://crt.example.com/sub.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/sub.crl]
        policies: [1.3.187.1.1, 2.23.140.1.3]
        permanent-identifier: EX-REG-7654321
      output: ev-code.crt
YAML
} > ee.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run ee.yaml --output-dir out --pin-fd 3 3<"$WORK/user.pin"
cd out
run_expect 0 "$KR_BIN/kr-lint" ev-tls.crt ev-code.crt
pass "kr-lint: the EV certificates are clean against their profiles"
subject=$(openssl x509 -in ev-code.crt -noout -subject -nameopt RFC2253)
assert_eq "the EV code signing subject carries the EV attributes in order" \
  "subject=CN=Example Software Inc.,serialNumber=7654321,jurisdictionC=US,businessCategory=Private Organization,O=Example Software Inc.,C=US" \
  "$subject"
asn1=$(openssl asn1parse -in ev-code.crt)
grep -A1 ":serialNumber" <<<"$asn1" | grep -q PRINTABLESTRING && pass "serialNumber is a PrintableString" || fail "serialNumber type"
grep -A1 ":jurisdictionCountryName" <<<"$asn1" | grep -q PRINTABLESTRING && pass "jurisdictionC is a PrintableString" || fail "jurisdictionC type"
grep -A1 ":businessCategory" <<<"$asn1" | grep -q UTF8STRING && pass "businessCategory is a UTF8String" || fail "businessCategory type"
# permanentIdentifier (RFC 4043, 1.3.6.1.5.5.7.8.3) inside subjectAltName's otherName.
grep -q "Permanent Identifier" <<<"$(openssl x509 -in ev-code.crt -noout -ext subjectAltName)" &&
  pass "openssl sees the permanentIdentifier in subjectAltName" || fail "no permanentIdentifier"
grep -q "EX-REG-7654321" <<<"$(openssl asn1parse -in ev-code.crt -strparse "$(openssl asn1parse -in ev-code.crt | grep -A1 'X509v3 Subject Alternative Name' | tail -1 | cut -d: -f1 | tr -d ' ')" 2>/dev/null)" &&
  pass "the permanentIdentifier value is the script's" || fail "permanentIdentifier value"
run_expect 0 openssl verify -x509_strict -purpose any -CAfile root.crt -untrusted sub.crt ev-code.crt
run_expect 0 openssl verify -x509_strict -purpose sslserver -CAfile root.crt -untrusted sub.crt ev-tls.crt
pass "openssl verifies both EV certificates to the root"
run_expect 0 "$KR_TEST_BIN/kr-botan-verify" ev-tls.crt --anchor root.crt --intermediate sub.crt
pass "Botan path validation accepts the EV TLS certificate"
finish
