#!/bin/bash
# Makes the hand-made broken artifacts in this folder with nothing but openssl commands (see
# README.md for what each one is and which lint ids it must produce). Keys live in a temporary
# directory and are thrown away: the artifacts are test data, never to be re-signed.
#
#   tests/data/broken/make-broken.sh [OUTPUT_DIR]     (default: this folder)
set -euo pipefail
out=$(cd "${1:-$(dirname "$0")}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# One configuration for req and ca: no distro defaults leak in, every extension is spelled out.
cat > openssl.cnf <<'EOF'
[req]
distinguished_name = dn
prompt = no
string_mask = utf8only
[dn]
CN = unused
[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[any]
countryName = optional
organizationName = optional
commonName = supplied
# CPS Appendix B root: exactly what the root-ca profile asks for.
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = none
[root_without_ski]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyCertSign,cRLSign
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[root_wrong_key_usage]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = none
[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf_with_cert_sign]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyCertSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
export OPENSSL_CONF=$tmp/openssl.cnf
touch index.txt
openssl rand -hex 16 > serial
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key

# Roots are valid 2024-01-01 to 2034-01-01, so the CRLs below (2025) fall inside their validity.
root() {  # root NAME SUBJECT-CN EXTENSIONS
  openssl req -new -key ca.key -subj "/C=US/O=keyrite tests/CN=$2" -out "$1.csr"
  openssl ca -batch -notext -selfsign -keyfile ca.key -in "$1.csr" -startdate 20240101000000Z \
    -enddate 20340101000000Z -extensions "$3" -out "$out/$1" 2>/dev/null
}

# The clean root every other artifact is checked against (--issuer); it lints clean.
root test-root-ca.pem "Broken Test Root CA" root
# Serial -0x6b...: RFC 5280 4.1.2.2 and CPS Appendix B want a positive serial (`openssl ca`
# takes serials from its serial file only, so this one is made with `openssl req -x509`).
openssl req -x509 -key ca.key -subj "/C=US/O=keyrite tests/CN=Negative Serial Root" -days 3650 \
  -extensions root -set_serial -0x6b8b4567327b23c6643c98696633487 -out "$out/negative-serial.pem"
# A CA certificate without subjectKeyIdentifier (RFC 5280 4.2.1.2).
root missing-ski.pem "Missing SKI Root" root_without_ski
# A root whose keyUsage is digitalSignature and keyEncipherment: it cannot sign certificates.
root wrong-keyusage.pem "Wrong Key Usage Root" root_wrong_key_usage

# An end-entity certificate asserting keyCertSign without cA (RFC 5280 4.2.1.3).
openssl req -new -key leaf.key -subj "/C=US/O=keyrite tests/CN=Cert Sign Leaf" -out leaf.csr
openssl ca -batch -notext -cert "$out/test-root-ca.pem" -keyfile ca.key -in leaf.csr -days 365 \
  -extensions leaf_with_cert_sign -out "$out/keycertsign-not-ca.pem" 2>/dev/null

# An issuer that expired in 2010 and a certificate it "issued" for 2020-2030: signed by an
# expired CA, and outliving it. Lint with --issuer expired-ca.pem.
openssl req -new -key ca.key -subj "/C=US/O=keyrite tests/CN=Expired Test Root CA" -out expired.csr
openssl ca -batch -notext -selfsign -keyfile ca.key -in expired.csr -startdate 20000101000000Z \
  -enddate 20100101000000Z -extensions root -out "$out/expired-ca.pem" 2>/dev/null
openssl ca -batch -notext -cert "$out/expired-ca.pem" -keyfile ca.key -in leaf.csr \
  -startdate 20200101000000Z -enddate 20300101000000Z -extensions leaf \
  -out "$out/issued-by-expired-ca.pem" 2>/dev/null

# CRLs. `openssl ca -gencrl` always sorts its entries and refuses duplicates, so these are written
# as ASN.1 with `openssl asn1parse -genconf`, signed with `openssl dgst -sign` over the DER
# TBSCertList, and assembled the same way. Everything else about them is correct: v2, issuer
# equal to the test root's subject, crlNumber, authorityKeyIdentifier = the root's SKI.
ski=$(openssl x509 -in "$out/test-root-ca.pem" -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' :')
crl() {  # crl NAME ENTRIES-SECTIONS...   (each entry section: serial, date[, extensions])
  local name=$1; shift
  {
    cat <<EOF
asn1 = SEQUENCE:tbs
[tbs]
version = INTEGER:1
signature = SEQUENCE:sigalg
issuer = SEQUENCE:issuer_name
thisUpdate = UTCTIME:250101000000Z
nextUpdate = UTCTIME:250201000000Z
revoked = SEQUENCE:entries
extensions = EXPLICIT:0,SEQUENCE:crl_exts
[sigalg]
alg = OID:ecdsa-with-SHA256
[issuer_name]
c = SET:rdn_c
o = SET:rdn_o
cn = SET:rdn_cn
[rdn_c]
a = SEQUENCE:atv_c
[atv_c]
type = OID:countryName
value = PRINTABLESTRING:US
[rdn_o]
a = SEQUENCE:atv_o
[atv_o]
type = OID:organizationName
value = UTF8:keyrite tests
[rdn_cn]
a = SEQUENCE:atv_cn
[atv_cn]
type = OID:commonName
value = UTF8:Broken Test Root CA
[crl_exts]
aki = SEQUENCE:ext_aki
number = SEQUENCE:ext_number
[ext_aki]
id = OID:authorityKeyIdentifier
value = OCTWRAP,SEQUENCE:aki_value
[aki_value]
keyid = IMPLICIT:0,FORMAT:HEX,OCTETSTRING:$ski
[ext_number]
id = OID:crlNumber
value = OCTWRAP,INTEGER:7
[entry_1001]
serial = INTEGER:0x1001
date = UTCTIME:241201000000Z
[entry_2002]
serial = INTEGER:0x2002
date = UTCTIME:241202000000Z
[entry_3003]
serial = INTEGER:0x3003
date = UTCTIME:241203000000Z
[entries]
EOF
    local i=0
    for entry in "$@"; do i=$((i + 1)); echo "e$i = SEQUENCE:$entry"; done
  } > "$name.tbs.cnf"
  openssl asn1parse -genconf "$name.tbs.cnf" -noout -out "$name.tbs.der"
  openssl dgst -sha256 -sign ca.key -out "$name.sig" "$name.tbs.der"
  {
    sed 's/^asn1 = SEQUENCE:tbs$/asn1 = SEQUENCE:crl/' "$name.tbs.cnf"
    printf '[crl]\ntbs = SEQUENCE:tbs\nalg = SEQUENCE:sigalg\nsig = FORMAT:HEX,BITSTRING:%s\n' \
      "$(od -An -v -tx1 "$name.sig" | tr -d ' \n')"
  } > "$name.cnf"
  openssl asn1parse -genconf "$name.cnf" -noout -out "$name.der"
  openssl crl -inform DER -in "$name.der" -out "$out/$name"
  openssl crl -in "$out/$name" -CAfile "$out/test-root-ca.pem" -noout -verify 2>&1 | grep -q OK
}
# 0x2002 before 0x1001: out of serial order.
crl unsorted-crl.pem entry_2002 entry_1001 entry_3003
# 0x1001 twice (in order otherwise).
crl duplicate-crl.pem entry_1001 entry_1001 entry_3003
# The same CRL sorted and without duplicates: the control, which lints clean.
crl sorted-crl.pem entry_1001 entry_2002 entry_3003
echo "wrote $(ls "$out" | grep -c '\.pem$') artifacts to $out"
