#!/usr/bin/env bash
# CRL numbers across ceremonies: never repeated, always increasing, kept in a state file that
# travels with the CA's records; the issuer's previous CRL is accepted as evidence; a refused or
# failed step consumes no number.
source "$(dirname "$0")/lib.sh"
new_softhsm crl-hsm
records=$WORK/records; mkdir -p "$records"
cd "$records"
cat > root.yaml <<'YAML'
keyrite: 1
ceremony: {id: root, test: true}
token: {module: softhsm2, label: crl-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: key
    generate-key: {label: r, type: ec, curve: P-256}
  - id: cert
    self-sign:
      key: r
      profile: root-ca
      subject: {C: US, O: Example, CN: Example CRL Root}
      validity: {not-before: 2020-01-01T00:00:00Z, not-after: 2045-01-01T00:00:00Z}
      output: r.crt
  - id: crl
    sign-crl:
      issuer: {key: r, certificate: r.crt}
      this-update: 2026-11-01T00:00:00Z
      next-update: 2027-10-01T00:00:00Z
      state: crl-state.jsonl
      output: r-1.crl
YAML
run_expect 0 "$KR_BIN/kr-ceremony" run root.yaml --output-dir out-root --pin-fd 3 3<"$WORK/user.pin"
assert_eq "the first CRL is number 1" "crlNumber=0x01" "$(openssl crl -in out-root/r-1.crl -noout -crlnumber)"

# crl.yaml NAME THIS_UPDATE NEXT_UPDATE [previous-crl line]: a later ceremony for the same root.
crl_script() {
  cat <<YAML
keyrite: 1
ceremony: {id: $1, test: true}
token: {module: softhsm2, label: crl-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: crl
    sign-crl:
      issuer: {key: r, certificate: out-root/r.crt}
      this-update: $2
      next-update: $3
      state: crl-state.jsonl
${4:-}      output: $1.crl
YAML
}
crl_script second 2026-11-10T00:00:00Z 2027-10-01T00:00:00Z > second.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run second.yaml --output-dir out-second --pin-fd 3 3<"$WORK/user.pin"
assert_eq "the next ceremony's CRL is number 2" "crlNumber=0x02" "$(openssl crl -in out-second/second.crl -noout -crlnumber)"

# A CRL the profile refuses (more than 12 months) is refused before signing: no file, no number.
crl_script too-long 2026-11-10T00:00:00Z 2027-11-11T00:00:00Z > too-long.yaml
before=$(cat crl-state.jsonl)
run_expect 2 "$KR_BIN/kr-ceremony" run too-long.yaml --output-dir out-too-long --pin-fd 3 3<"$WORK/user.pin" || true
grep -q "too-long.yaml:1[0-9]:[0-9]*: steps\[0\].sign-crl.next-update: " <<<"$ERR" && pass "an over-long CRL is refused at the next-update field" || fail "too-long: $ERR"
assert_no_file "refused CRL: nothing written" out-too-long/too-long.crl
assert_eq "refused CRL: no number consumed" "$before" "$(cat crl-state.jsonl)"

# The state file is lost; the previous CRL is the evidence, so the count still goes up.
mv crl-state.jsonl crl-state.lost
crl_script third 2026-11-20T00:00:00Z 2027-10-01T00:00:00Z "      previous-crl: out-second/second.crl
" > third.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run third.yaml --output-dir out-third --pin-fd 3 3<"$WORK/user.pin"
assert_eq "with only the previous CRL as evidence, the number is 3" "crlNumber=0x03" "$(openssl crl -in out-third/third.crl -noout -crlnumber)"

# A previous CRL from another issuer is no evidence.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other.key -subj "/CN=Other" -days 30 -out other.crt 2>/dev/null
printf '[ca]\ndefault_ca=c\n[c]\ndatabase=index.txt\ncrlnumber=crlnum\ndefault_md=sha256\ndefault_crl_days=30\n' > ca.cnf
touch index.txt; echo 63 > crlnum
openssl ca -config ca.cnf -gencrl -keyfile other.key -cert other.crt -out other.crl 2>/dev/null
crl_script fourth 2026-11-21T00:00:00Z 2027-10-01T00:00:00Z "      previous-crl: other.crl
" > fourth.yaml
run_expect 2 "$KR_BIN/kr-ceremony" run fourth.yaml --output-dir out-fourth --pin-fd 3 3<"$WORK/user.pin" || true
grep -q 'previous CRL "other.crl" is not signed by key "r"; it is no evidence of this issuer' <<<"$ERR" && pass "a foreign previous CRL is refused" || fail "foreign: $ERR"
assert_no_file "foreign previous CRL: nothing written" out-fourth/fourth.crl

# A damaged state file stops the ceremony; it never silently restarts the count. (The third CRL
# wrote lines 1 and 2 of the new file: reserved, then issued.)
echo '{"broken' >> crl-state.jsonl
crl_script fifth 2026-11-21T00:00:00Z 2027-10-01T00:00:00Z > fifth.yaml
run_expect 2 "$KR_BIN/kr-ceremony" run fifth.yaml --output-dir out-fifth --pin-fd 3 3<"$WORK/user.pin" || true
grep -q "crl-state.jsonl:3: not a CRL state record" <<<"$ERR" && pass "a damaged state file is named with its line" || fail "damaged: $ERR"
assert_no_file "damaged state: nothing written" out-fifth/fifth.crl
finish
