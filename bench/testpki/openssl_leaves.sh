#!/bin/bash
# The openssl CLI peer of bench/testpki: N leaves under one intermediate, one `openssl req` (fresh
# P-256 key and CSR) and one `openssl x509 -req` (signature) per leaf, as a shell script would.
# Usage: openssl_leaves.sh OUT_DIR N
set -euo pipefail
out=$1 count=$2
mkdir "$out"
cd "$out"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout root.key -out root.crt \
  -subj /CN=Bench-Root -days 3650 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout inter.key -subj /CN=Bench-Intermediate 2>/dev/null |
  openssl x509 -req -CA root.crt -CAkey root.key -set_serial 2 -days 1825 \
    -extfile <(printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n') -out inter.crt 2>/dev/null
printf 'keyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\nsubjectAltName=DNS:${ENV::HOST}\n' > leaf.ext
for n in $(seq 1 "$count"); do
  export HOST=leaf-$n.example.test
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "leaf-$n.key" -subj "/CN=$HOST" 2>/dev/null |
    openssl x509 -req -CA inter.crt -CAkey inter.key -CAcreateserial -days 90 -extfile leaf.ext -out "leaf-$n.crt" 2>/dev/null
done
