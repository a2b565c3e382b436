#!/bin/bash
# kr-testpki end to end: a spec'd hierarchy (two roots, a cross-certificate, an intermediate, bulk
# TLS leaves with localhost, an RSA leaf, a client leaf, a revoked leaf) and `quick`, checked by
# real verifiers: openssl verify -x509_strict with CRLs, GnuTLS certtool, Botan path validation
# with CRLs, kr-lint against each certificate's profile, a TLS handshake with openssl
# s_server/s_client -verify_return_error, openssl pkcs12 and openssl ocsp. Then determinism (same
# seed: identical trees, whatever the worker count; another seed: different), the output
# directory rules, and bad specs (FILE:LINE:COLUMN, nothing written).
source "$(dirname "$0")/lib.sh"

TP=$KR_BIN/kr-testpki
LINT=$KR_BIN/kr-lint
BOTAN=$KR_TEST_BIN/kr-botan-verify
REF=$(date -u +%Y-%m-%dT00:00:00Z)

status() {
  set +e
  "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  local s=$?
  set -e
  echo "$s"
}

cat > "$WORK/spec.yaml" <<YAML
keyrite-testpki: 1
reference-time: $REF
pkcs12-password: test-password
nodes:
  - {name: root, kind: root, key: P-384, subject: {O: Test, CN: Test Root}}
  - {name: old-root, kind: root, key: RSA-2048, subject: {CN: Old Root}}
  - {name: root-by-old, kind: cross, issuer: old-root, certifies: root}
  - {name: inter, kind: intermediate, issuer: root, path-length: 0, subject: {O: Test, CN: Test Intermediate}}
  - name: web-{n}
    kind: leaf
    issuer: inter
    count: 5
    subject: {CN: "web-{n}.example.test"}
    dns: ["web-{n}.example.test", localhost]
    ip: [127.0.0.1]
    ocsp: true
  - {name: rsa-web, kind: leaf, issuer: inter, key: RSA-2048, subject: {CN: rsa.example.test}, validity: {not-before: -2h, lifetime: 30d}}
  - {name: client, kind: leaf, issuer: inter, profile: test-tls-client, subject: {CN: Client One}, email: [one@example.test]}
  - {name: gone, kind: leaf, issuer: inter, subject: {CN: gone.example.test}, revoked: {reason: keyCompromise}, ocsp: true}
YAML

OUT=$WORK/pki
assert_eq "generate exits 0" "0" "$(status "$TP" generate "$WORK/spec.yaml" --out "$OUT" --seed one)"
assert_eq "... and says what it made" "1" "$(grep -c '^kr-testpki: 12 certificates' "$WORK/stdout")"
M=$OUT/manifest.json
assert_eq "manifest lists every certificate" "12" "$(jq '.certificates | length' "$M")"
assert_eq "manifest lists a CRL per issuing CA" "inter old-root root" \
  "$(jq -r '[.crls[].issuer] | sort | join(" ")' "$M")"
missing=0
for f in $(jq -r '.certificates[].files[].path, .crls[].files[].path, ."other-files"[].path' "$M"); do
  [[ -f $OUT/$f ]] || { missing=1; echo "missing $f" >&2; }
done
assert_eq "every file the manifest lists exists" "0" "$missing"
assert_eq "manifest.json and the listed files are all there is" \
  "$(($(jq '[.certificates[].files[], .crls[].files[], ."other-files"[]] | length' "$M") + 1))" \
  "$(ls "$OUT" | wc -l)"
hashes_ok=1
while read -r path sum; do
  [[ $(sha256sum "$OUT/$path" | cut -d' ' -f1) == "$sum" ]] || hashes_ok=0
done < <(jq -r '.certificates[].files[] | "\(.path) \(.sha256)"' "$M")
assert_eq "manifest SHA-256 of each file matches" "1" "$hashes_ok"
assert_eq "manifest certificate SHA-256 is the DER's" \
  "$(sha256sum "$OUT/web-3.der" | cut -d' ' -f1)" \
  "$(jq -r '.certificates[] | select(.name == "web-3") | ."certificate-sha256"' "$M")"
assert_eq "manifest SPKI SHA-256 is openssl's" \
  "$(openssl x509 -in "$OUT/web-3.crt" -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)" \
  "$(jq -r '.certificates[] | select(.name == "web-3") | ."spki-sha256"' "$M")"
assert_eq "keys are mode 0600" "600 600" "$(stat -c %a "$OUT/web-1.key" "$OUT/web-1.p12" | tr '\n' ' ' | sed 's/ $//')"
assert_eq "keys are PKCS#8 PEM" "-----BEGIN PRIVATE KEY-----" "$(head -1 "$OUT/rsa-web.key")"
assert_eq "hierarchy.svg is an SVG naming the nodes and the cross-certificate" "1 1" \
  "$(grep -c '<svg' "$OUT/hierarchy.svg") $(grep -c 'cross: root&#45;by&#45;old' "$OUT/hierarchy.svg")"

CRLS=(-CRLfile "$OUT/root.crl.pem" -CRLfile "$OUT/inter.crl.pem")
for leaf in web-1 web-2 web-3 web-4 web-5 rsa-web client; do
  assert_eq "openssl verify -x509_strict -crl_check_all: $leaf" "$OUT/$leaf.crt: OK" \
    "$(openssl verify -x509_strict -CAfile "$OUT/root.crt" -untrusted "$OUT/inter.crt" -crl_check_all "${CRLS[@]}" "$OUT/$leaf.crt" 2>&1)"
  assert_eq "certtool --verify: $leaf" "1" \
    "$(certtool --verify --load-ca-certificate "$OUT/root.crt" --infile "$OUT/$leaf.chain.pem" 2>&1 | grep -c 'Chain verification output: Verified')"
  assert_eq "Botan path validation with CRLs: $leaf" "0" \
    "$(status "$BOTAN" "$OUT/$leaf.crt" --anchor "$OUT/root.crt" --intermediate "$OUT/inter.crt" --crl "$OUT/root.crl.pem" --crl "$OUT/inter.crl.pem")"
  profile=$(jq -r --arg n "$leaf" '.certificates[] | select(.name == $n) | .profile' "$M")
  assert_eq "kr-lint --profile $profile: $leaf" "0" \
    "$(status "$LINT" --profile "$profile" --issuer "$OUT/inter.crt" "$OUT/$leaf.crt")"
done
assert_eq "openssl verify: the intermediate with CRLs" "$OUT/inter.crt: OK" \
  "$(openssl verify -x509_strict -CAfile "$OUT/root.crt" -crl_check_all "${CRLS[@]}" "$OUT/inter.crt" 2>&1)"
assert_eq "kr-lint: root, intermediate, cross-certificate and CRLs" "0 0 0 0" \
  "$(status "$LINT" --profile test-root-ca "$OUT/root.crt") $(status "$LINT" --profile test-intermediate-ca --issuer "$OUT/root.crt" "$OUT/inter.crt") $(status "$LINT" --profile test-cross-ca --issuer "$OUT/old-root.crt" "$OUT/root-by-old.crt") $(status "$LINT" --issuer "$OUT/inter.crt" "$OUT/inter.crl")"
assert_eq "the cross-certificate chains a leaf to the old root" "$OUT/web-1.crt: OK" \
  "$(openssl verify -x509_strict -CAfile "$OUT/old-root.crt" -untrusted "$OUT/root-by-old.crt" -untrusted "$OUT/inter.crt" "$OUT/web-1.crt" 2>&1)"
assert_eq "... and keeps the root's subject and key" \
  "$(openssl x509 -in "$OUT/root.crt" -noout -subject -pubkey)" "$(openssl x509 -in "$OUT/root-by-old.crt" -noout -subject -pubkey)"
assert_eq "revoked leaf: openssl verify says revoked" "1" \
  "$(openssl verify -x509_strict -CAfile "$OUT/root.crt" -untrusted "$OUT/inter.crt" -crl_check_all "${CRLS[@]}" "$OUT/gone.crt" 2>&1 | grep -c 'certificate revoked')"
assert_eq "revoked leaf: Botan refuses it" "1" \
  "$(status "$BOTAN" "$OUT/gone.crt" --anchor "$OUT/root.crt" --intermediate "$OUT/inter.crt" --crl "$OUT/inter.crl.pem" | grep -vc '^0$')"
assert_eq "revoked leaf: kr-lint --crl reports e_certificate_revoked" "1" \
  "$(status "$LINT" --profile test-tls-server --issuer "$OUT/inter.crt" --crl "$OUT/inter.crl.pem" "$OUT/gone.crt" >/dev/null; grep -c e_certificate_revoked "$WORK/stdout")"

# OCSP: good and revoked, signed by the issuing CA.
assert_eq "openssl ocsp: web-2 good" "$OUT/web-2.crt: good" \
  "$(openssl ocsp -respin "$OUT/web-2.ocsp.der" -issuer "$OUT/inter.crt" -VAfile "$OUT/inter.crt" -cert "$OUT/web-2.crt" -no_nonce 2>/dev/null | head -1)"
assert_eq "openssl ocsp: gone revoked" "$OUT/gone.crt: revoked" \
  "$(openssl ocsp -respin "$OUT/gone.ocsp.der" -issuer "$OUT/inter.crt" -VAfile "$OUT/inter.crt" -cert "$OUT/gone.crt" -no_nonce 2>/dev/null | head -1)"
assert_eq "openssl ocsp verifies the response's signature" "1" \
  "$(openssl ocsp -respin "$OUT/web-2.ocsp.der" -issuer "$OUT/inter.crt" -VAfile "$OUT/inter.crt" -cert "$OUT/web-2.crt" -no_nonce 2>&1 | grep -c '^Response verify OK')"

# PKCS#12: opens with the password, holds the key, the leaf and the chain; refuses another password.
assert_eq "openssl pkcs12 opens web-1.p12 with the spec's password" "0" \
  "$(status openssl pkcs12 -in "$OUT/web-1.p12" -passin pass:test-password -nodes -out "$WORK/p12.pem")"
assert_eq "... which holds the leaf, the intermediate and the root" "3" "$(grep -c 'BEGIN CERTIFICATE' "$WORK/p12.pem")"
assert_eq "... and the leaf's key" \
  "$(openssl pkey -in "$OUT/web-1.key" -pubout)" "$(openssl pkey -in "$WORK/p12.pem" -pubout)"
assert_eq "... and not with another password" "1" \
  "$(status openssl pkcs12 -in "$OUT/web-1.p12" -passin pass:wrong -noout)"

# A real TLS handshake on localhost with the leaf and its chain.
port=$((20000 + RANDOM % 20000))
openssl s_server -accept "127.0.0.1:$port" -cert "$OUT/web-1.crt" -key "$OUT/web-1.key" \
  -cert_chain "$OUT/inter.crt" -quiet >"$WORK/server.out" 2>&1 &
server=$!
for _ in $(seq 50); do  # until the server listens
  echo | timeout 10 openssl s_client -connect "127.0.0.1:$port" -CAfile "$OUT/root.crt" \
    -verify_return_error -verify_hostname localhost -servername localhost >"$WORK/client.out" 2>&1 || true
  grep -q CONNECTED "$WORK/client.out" && break
  sleep 0.2
done
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
assert_eq "TLS handshake: s_client -verify_return_error verifies localhost" "1" \
  "$(grep -q 'Verify return code: 0 (ok)' "$WORK/client.out" && grep -q 'Verified peername: localhost' "$WORK/client.out" && echo 1)"

# base-url: every certificate a CA issues points at the CA's certificate (caIssuers), an OCSP
# responder and its CRL under that URL, so tools that follow them find them. The output directory
# is served over HTTP, with a static responder answering every OCSP request with one response.
cat > "$WORK/serve.py" <<'PY'
import functools, http.server, sys
root, ocsp = sys.argv[1], sys.argv[2]
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path != "/ocsp":
            return self.send_error(404)
        body = open(ocsp, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/ocsp-response")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
print(server.server_address[1], flush=True)
server.serve_forever()
PY
AIA=$WORK/aia
python3 "$WORK/serve.py" "$AIA" "$AIA/shop.ocsp.der" >"$WORK/serve.port" 2>"$WORK/serve.err" &
http_server=$!
for _ in $(seq 50); do [[ -s $WORK/serve.port ]] && break; sleep 0.1; done
BASE="http://127.0.0.1:$(cat "$WORK/serve.port")"
cat > "$WORK/aia.yaml" <<YAML
keyrite-testpki: 1
reference-time: $REF
nodes:
  - {name: root, kind: root, base-url: "$BASE/"}
  - {name: inter, kind: intermediate, issuer: root, base-url: "$BASE"}
  - {name: shop, kind: leaf, issuer: inter, subject: {CN: shop.example.test}, ocsp: true}
  - {name: stolen, kind: leaf, issuer: inter, subject: {CN: stolen.example.test}, revoked: true}
  - {name: plain, kind: leaf, issuer: root, subject: {CN: plain.example.test}}
YAML
assert_eq "base-url: generate exits 0" "0" "$(status "$TP" generate "$WORK/aia.yaml" --out "$AIA" --seed aia)"
assert_eq "base-url: the leaf names its issuer's certificate, OCSP and CRL URLs" \
  "OCSP - URI:$BASE/ocsp|CA Issuers - URI:$BASE/inter.der|URI:$BASE/inter.crl" \
  "$(openssl x509 -in "$AIA/shop.crt" -noout -ext authorityInfoAccess,crlDistributionPoints | grep URI | sed 's/^ *//' | paste -sd'|')"
assert_eq "base-url: so does the intermediate, with the root's" \
  "OCSP - URI:$BASE/ocsp|CA Issuers - URI:$BASE/root.der|URI:$BASE/root.crl" \
  "$(openssl x509 -in "$AIA/inter.crt" -noout -ext authorityInfoAccess,crlDistributionPoints | grep URI | sed 's/^ *//' | paste -sd'|')"
assert_eq "base-url: a root carries neither" "" \
  "$(openssl x509 -in "$AIA/root.crt" -noout -ext authorityInfoAccess,crlDistributionPoints 2>/dev/null | grep URI)"
assert_eq "openssl verify -crl_check -crl_download: the leaf's CRL fetched from its CRL DP" "$AIA/shop.crt: OK" \
  "$(openssl verify -x509_strict -CAfile "$AIA/root.crt" -untrusted "$AIA/inter.crt" -crl_check -crl_download "$AIA/shop.crt" 2>&1)"
assert_eq "... and the downloaded CRL says the revoked leaf is revoked" "1" \
  "$(openssl verify -x509_strict -CAfile "$AIA/root.crt" -untrusted "$AIA/inter.crt" -crl_check -crl_download "$AIA/stolen.crt" 2>&1 | grep -c 'certificate revoked')"
# The root has no CRL DP (nothing issues its CRL but itself): its own CRL is given.
assert_eq "... the whole chain with -crl_check_all, the root's CRL given" "$AIA/shop.crt: OK" \
  "$(openssl verify -x509_strict -CAfile "$AIA/root.crt" -untrusted "$AIA/inter.crt" -crl_check_all -crl_download -CRLfile "$AIA/root.crl.pem" "$AIA/shop.crt" 2>&1)"
assert_eq "openssl ocsp -url from the leaf's AIA: good, signature verified" "Response verify OK|$AIA/shop.crt: good" \
  "$(openssl ocsp -issuer "$AIA/inter.crt" -cert "$AIA/shop.crt" -url "$(openssl x509 -in "$AIA/shop.crt" -noout -ocsp_uri)" -VAfile "$AIA/inter.crt" -no_nonce 2>&1 | grep -E '^Response verify OK|: good' | sort -r | paste -sd'|')"
ca_issuers=$(openssl x509 -in "$AIA/shop.crt" -noout -ext authorityInfoAccess | sed -n 's/.*CA Issuers - URI://p')
python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())' \
  "$ca_issuers" > "$WORK/fetched-issuer.der"
assert_eq "the caIssuers URL serves the issuer's DER certificate" "" "$(cmp "$WORK/fetched-issuer.der" "$AIA/inter.der")"
kill "$http_server" 2>/dev/null || true
wait "$http_server" 2>/dev/null || true
assert_eq "kr-lint passes the leaf and the intermediate with their AIA and CRL DP" "0 0" \
  "$(status "$LINT" --profile test-tls-server --issuer "$AIA/inter.crt" "$AIA/shop.crt") $(status "$LINT" --profile test-intermediate-ca --issuer "$AIA/root.crt" "$AIA/inter.crt")"

# Determinism: the same seed gives the same bytes (with one worker or two), another seed differs.
"$TP" generate "$WORK/spec.yaml" --out "$WORK/again" --seed one --jobs 1 >/dev/null
assert_eq "same seed, one worker instead of two: byte-identical tree" "" "$(diff -r "$OUT" "$WORK/again")"
"$TP" generate "$WORK/spec.yaml" --out "$WORK/other" --seed two >/dev/null
assert_eq "another seed: every key and certificate differs" "00" \
  "$(cmp -s "$OUT/web-1.key" "$WORK/other/web-1.key" && echo 1 || echo 0)$(cmp -s "$OUT/root.der" "$WORK/other/root.der" && echo 1 || echo 0)" 
"$TP" generate "$WORK/spec.yaml" --out "$WORK/random1" >/dev/null
"$TP" generate "$WORK/spec.yaml" --out "$WORK/random2" >/dev/null
assert_eq "no seed: fresh keys each run" "1" "$(cmp -s "$WORK/random1/web-1.key" "$WORK/random2/web-1.key" || echo 1)"

# quick: a chain for localhost, usable at once.
assert_eq "quick --leaves 3 exits 0" "0" "$(status "$TP" quick --out "$WORK/quick" --leaves 3)"
assert_eq "quick leaves verify with CRLs" "$WORK/quick/leaf-2.crt: OK" \
  "$(openssl verify -x509_strict -CAfile "$WORK/quick/root.crt" -untrusted "$WORK/quick/intermediate.crt" -crl_check_all -CRLfile "$WORK/quick/root.crl.pem" -CRLfile "$WORK/quick/intermediate.crl.pem" -verify_hostname localhost "$WORK/quick/leaf-2.crt" 2>&1)"
assert_eq "quick leaves pass kr-lint" "0" \
  "$(status "$LINT" --profile test-tls-server --issuer "$WORK/quick/intermediate.crt" "$WORK/quick/leaf-1.crt" "$WORK/quick/leaf-3.crt")"

# The output directory: never overwritten.
assert_eq "a non-empty output directory is refused (usage error)" "1" \
  "$(status "$TP" quick --out "$OUT")"
assert_eq "... saying why" "1" "$(grep -c 'is not empty; kr-testpki never overwrites' "$WORK/stderr")"
mkdir "$WORK/empty"
assert_eq "an existing empty directory is used" "0" "$(status "$TP" quick --out "$WORK/empty")"

# Bad specs: every problem as FILE:LINE:COLUMN, exit 2, nothing written.
bad() {  # NAME EXPECTED-LINE YAML
  printf '%s\n' "$3" > "$WORK/$1.yaml"
  local s
  s=$(status "$TP" generate "$WORK/$1.yaml" --out "$WORK/out-$1")
  assert_eq "bad spec $1: exit 2" "2" "$s"
  assert_eq "... reported at $WORK/$1.yaml:$2" "1" "$(grep -cF "kr-testpki: error: $WORK/$1.yaml:$2" "$WORK/stderr")"
  assert_no_file "... and nothing written" "$WORK/out-$1"
}
HEAD='keyrite-testpki: 1
nodes:
  - {name: root, kind: root}'
bad unknown-parent "4:35: nodes[1].issuer: unknown issuer \"nobody\"" "$HEAD
  - {name: a, kind: leaf, issuer: nobody}"
bad cycle "4:43: nodes[1].issuer: issuers form a cycle: a -> b -> a" "$HEAD
  - {name: a, kind: intermediate, issuer: b}
  - {name: b, kind: intermediate, issuer: a}"
bad leaf-issuer "5:35: nodes[2].issuer: \"a\" is a leaf; a leaf cannot issue certificates" "$HEAD
  - {name: a, kind: leaf, issuer: root}
  - {name: b, kind: leaf, issuer: a}"
bad duplicate "4:12: nodes[1].name: duplicate node name \"root\"" "$HEAD
  - {name: root, kind: intermediate, issuer: root}"
bad duration "4:62: nodes[1].validity.lifetime: \"90 days\" is not a lifetime" "$HEAD
  - {name: a, kind: leaf, issuer: root, validity: {lifetime: 90 days}}"
bad relative-time "4:64: nodes[1].validity.not-before: \"yesterday\" is neither a UTC time" "$HEAD
  - {name: a, kind: leaf, issuer: root, validity: {not-before: yesterday}}"
bad unknown-key "4:41: nodes[1].isuer: unknown key \"isuer\"; did you mean \"issuer\"?" "$HEAD
  - {name: a, kind: leaf, issuer: root, isuer: root}"
bad profile-refusal "4:51: nodes[1].validity: validity.not-after: validity is 39 years" "$HEAD
  - {name: a, kind: leaf, issuer: root, validity: {lifetime: 40y}}"
bad count-without-n "4:48: nodes[1].count: count 3 needs {n} in the name" "$HEAD
  - {name: a, kind: leaf, issuer: root, count: 3}"
bad unknown-defect "4:49: nodes[1].defect: unknown defect \"expird\"" "$HEAD
  - {name: a, kind: leaf, issuer: root, defect: expird}"
bad made-twice "5:12: nodes[2].name: node name \"web-7\" is made twice" "$HEAD
  - {name: 'web-{n}', kind: leaf, issuer: root, count: 10}
  - {name: web-7, kind: leaf, issuer: root}"
bad made-twice-bulk "5:12: nodes[2].name: node name \"a-11\" is made twice" "$HEAD
  - {name: 'a-{n}', kind: leaf, issuer: root, count: 20}
  - {name: 'a-1{n}', kind: leaf, issuer: root, count: 5}"
bad base-url-scheme "3:40: nodes[0].base-url: base-url is an http:// or https:// URL" "keyrite-testpki: 1
nodes:
  - {name: root, kind: root, base-url: ldap://pki.example.test}"
bad base-url-leaf "4:51: nodes[1].base-url: base-url is for root and intermediate nodes" "$HEAD
  - {name: a, kind: leaf, issuer: root, base-url: http://pki.example.test}"
# Path length over the whole hierarchy: i1 allows one CA below it, i3 makes two.
bad pathlen-exceeded "6:44: nodes[3].issuer: i3: the path i3 <- i2 <- i1 puts 2 CA certificates below i1, whose pathLenConstraint is 1 (e_issuer_path_len_exceeded)" "$HEAD
  - {name: i1, kind: intermediate, issuer: root, path-length: 1}
  - {name: i2, kind: intermediate, issuer: i1}
  - {name: i3, kind: intermediate, issuer: i2}
  - {name: leaf, kind: leaf, issuer: i3}"
# ... and through a cross-certificate whose own pathLenConstraint is tighter than i1's certificate's.
bad pathlen-exceeded-cross "6:44: nodes[3].issuer: i2: the path i2 <- i1 puts 1 CA certificate below i1-by-old, whose pathLenConstraint is 0" "$HEAD
  - {name: old, kind: root}
  - {name: i1, kind: intermediate, issuer: root}
  - {name: i2, kind: intermediate, issuer: i1}
  - {name: i1-by-old, kind: cross, issuer: old, certifies: i1, path-length: 0}"
printf '%s\n' "$HEAD" "  - {name: i1, kind: intermediate, issuer: root, path-length: 1, defect: pathlen-exceeded}" \
  "  - {name: i2, kind: intermediate, issuer: i1}" "  - {name: i3, kind: intermediate, issuer: i2}" \
  "  - {name: leaf, kind: leaf, issuer: i3}" > "$WORK/pathlen-defect.yaml"
assert_eq "the same hierarchy with defect: pathlen-exceeded is generated" "0" \
  "$(status "$TP" generate "$WORK/pathlen-defect.yaml" --out "$WORK/pathlen-defect")"
assert_eq "... and openssl verify rejects its leaf for the path length" "1" \
  "$(cat "$WORK/pathlen-defect/i1.crt" "$WORK/pathlen-defect/i2.crt" "$WORK/pathlen-defect/i3.crt" > "$WORK/pathlen-chain.pem"
     openssl verify -CAfile "$WORK/pathlen-defect/root.crt" -untrusted "$WORK/pathlen-chain.pem" "$WORK/pathlen-defect/leaf.crt" 2>&1 | grep -c 'path length constraint exceeded')"

# A full disk: the file writer's error ("No space left on device", naming the file) stops the
# workers, exit 2, and the output directory kr-testpki created is removed again.
FULL="$WORK/full"
mkdir "$FULL"
if mount -t tmpfs -o size=512k tmpfs "$FULL" 2>/dev/null; then
  trap 'umount "$FULL" 2>/dev/null || true; [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"' EXIT
  sed 's/count: 5/count: 3000/' "$WORK/spec.yaml" > "$WORK/many.yaml"
  assert_eq "a full disk: exit 2" "2" "$(status "$TP" generate "$WORK/many.yaml" --out "$FULL/out")"
  assert_eq "... saying which file could not be written, and why" "1" \
    "$(grep -cE "kr-testpki: error: cannot (create|write) $FULL/out/.*: No space left on device" "$WORK/stderr")"
  assert_no_file "... and the output directory is removed" "$FULL/out"
  umount "$FULL"
else
  fail "mount -t tmpfs (needs root) for the full-disk check"
fi

finish
