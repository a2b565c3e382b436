#!/usr/bin/env bash
# The guardrails no script can switch off, each refused with its exact message before anything is
# signed: nothing written, no CRL number consumed, no key used.
source "$(dirname "$0")/lib.sh"
new_softhsm guard-hsm
r=$WORK/records; mkdir -p "$r"; cd "$r"
cat > base.yaml <<'YAML'
keyrite: 1
ceremony: {id: base, test: true}
token: {module: softhsm2, label: guard-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: root-key
    generate-key: {label: root, type: ec, curve: P-384}
  - id: root-cert
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Guard Root}
      validity: {not-before: 2020-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
  - id: other-key
    generate-key: {label: other, type: ec, curve: P-256}
  - id: sub-key
    generate-key: {label: sub, type: ec, curve: P-256}
  - id: sub-csr
    make-csr: {key: sub, subject: {C: US, O: Example, CN: Example Guard Sub}, output: sub.csr}
YAML
run_expect 0 "$KR_BIN/kr-ceremony" run base.yaml --output-dir base --pin-fd 3 3<"$WORK/user.pin"

# issue_script NAME PROFILE NOT_AFTER EXTRA: one issue step under the root from the CSR.
issue_script() {
  cat <<YAML
keyrite: 1
ceremony: {id: $1, test: true}
token: {module: softhsm2, label: guard-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: sub
    issue:
      issuer: {key: ${5:-root}, certificate: base/root.crt}
      profile: $2
      csr: ${6:-base/sub.csr}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: $3}
      extensions:
        ca-issuers: [http://crt.example.com/root.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root.crl]
        policies: [2.23.140.1.2.1]
${4:-}      output: $1.crt
YAML
}
# refused NAME EXPECTED_SUBSTRING: runs NAME.yaml and checks the refusal leaves nothing behind.
refused() {
  run_expect 2 "$KR_BIN/kr-ceremony" run "$1.yaml" --output-dir "out-$1" --pin-fd 3 3<"$WORK/user.pin" || true
  if grep -qF -- "$2" <<<"$ERR"; then pass "$1: refused: $2"; else fail "$1: expected '$2' in: $ERR"; fi
  assert_no_file "$1: no certificate written" "out-$1/$1.crt"
}

issue_script ok subordinate-ca 2036-01-01T00:00:00Z > ok.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run ok.yaml --output-dir out-ok --pin-fd 3 3<"$WORK/user.pin"
pass "a subordinate of exactly 10 years is signed (the subordinate-ca maximum)"

issue_script too-long subordinate-ca 2036-01-01T00:00:01Z > too-long.yaml
refused too-long "too-long.yaml:11:63: steps[0].issue.validity.not-after: validity is 10 years and 1 second; the subordinate-ca profile allows at most 10 years"

issue_script outlives external-subordinate-ca 2041-01-01T00:00:00Z > outlives.yaml
refused outlives "steps[0].issue.validity.not-after: not-after 2041-01-01T00:00:00Z is after the issuer's not-after 2040-01-01T00:00:00Z; a certificate never outlives its issuer"

cat > path-len.yaml <<'YAML'
keyrite: 1
ceremony: {id: path-len, test: true}
token: {module: softhsm2, label: guard-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: sub
    issue:
      issuer: {key: root, certificate: base/root.crt}
      profile: root-ca
      csr: base/sub.csr
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2030-01-01T00:00:00Z}
      extensions: {path-length: 0}
      output: path-len.crt
YAML
refused path-len "path-len.yaml:12:33: steps[0].issue.extensions.path-length: the root-ca profile does not let a script set path-length"

issue_script wrong-key subordinate-ca 2030-01-01T00:00:00Z "" other > wrong-key.yaml
refused wrong-key "key \"other\" is not the key of the issuer certificate \"base/root.crt\""

# A CSR whose signature does not verify: no proof of possession (CPS 3.2.1).
openssl req -in base/sub.csr -outform DER -out sub.der
python3 - <<'PY'
data = bytearray(open("sub.der", "rb").read()); data[-5] ^= 0x01; open("bad.csr", "wb").write(data)
PY
issue_script bad-csr subordinate-ca 2030-01-01T00:00:00Z "" root bad.csr > bad-csr.yaml
refused bad-csr "no proof of possession of its key (CPS 3.2.1)"

# SHA-1 is not an algorithm a script can even name.
sed 's/      csr: base\/sub.csr/      csr: base\/sub.csr\n      signature-algorithm: sha1WithRSAEncryption/' ok.yaml | sed 's/id: ok}/id: sha1}/; s/output: ok.crt/output: sha1.crt/' > sha1.yaml
refused sha1 "unknown signature algorithm \"sha1WithRSAEncryption\""

# A CRL the profile refuses consumes no number and writes nothing.
cat > crl.yaml <<'YAML'
keyrite: 1
ceremony: {id: crl, test: true}
token: {module: softhsm2, label: guard-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: base/root.crt}
      this-update: 2039-06-01T00:00:00Z
      next-update: 2040-06-01T00:00:00Z
      state: crl-state.jsonl
      output: crl.crt
YAML
refused crl "sign-crl.next-update: "
assert_no_file "refused CRL: no number consumed (no state file)" crl-state.jsonl

# Every CA certificate signed so far is disclosed; the refused ones are not there.
assert_eq "the inventory holds the root and the one subordinate" "2" \
  "$(cat base/base.inventory.jsonl out-ok/ok.inventory.jsonl | wc -l)"
finish
