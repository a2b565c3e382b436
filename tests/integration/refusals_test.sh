#!/usr/bin/env bash
# Every refusal of the foundation: a clear error naming file, line and field where there is one,
# exit status 2, no certificate or key file written, and no key left on the token.
source "$(dirname "$0")/lib.sh"
new_softhsm refusals
cd "$WORK"
cat > base.yaml <<'YAML'
keyrite: 1
ceremony: {id: refusals, test: true}
token: {module: softhsm2, label: refusals}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: key-1
    generate-key: {label: k1, type: ec, curve: P-256}
  - id: cert-1
    self-sign:
      key: k1
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Root}
      validity: {not-before: 2015-05-26T00:00:00Z, not-after: 2040-05-26T00:00:00Z}
      output: root.crt
YAML

# refuse NAME SCRIPT PIN_FILE EXPECTED_STDERR: runs the script into out-NAME and checks the refusal.
refuse() {
  local name=$1 script=$2 pin=$3 expected=$4
  run_expect 2 "$KR_BIN/kr-ceremony" run "$script" --output-dir "out-$name" --pin-fd 3 3<"$pin" || true
  assert_eq "$name: message" "$expected" "$ERR"
  assert_no_file "$name: no certificate written" "out-$name/root.crt"
  assert_eq "$name: no key on the token" "0" "$(key_count refusals)"
}

echo wrong-pin-0000 > wrong.pin
refuse wrong-pin base.yaml wrong.pin "kr-ceremony: error: C_Login (user) failed: CKR_PIN_INCORRECT
kr-ceremony: hint: check the PIN; repeated failures may lock the token"
# A failed login is an auditable event (CPS 5.4.1): the log records it, without the PIN.
assert_eq "wrong-pin: the log records the failed login" \
  "ceremony-started/success token-opened/success ceremony-failed/failure" \
  "$(jq -r '.type + "/" + .outcome' out-wrong-pin/refusals.events.jsonl | tr '\n' ' ' | sed 's/ $//')"
grep -qF "$(cat wrong.pin)" out-wrong-pin/refusals.events.jsonl && fail "the wrong PIN is in the log" || pass "the wrong PIN is not in the log"

sed 's/label: refusals}/label: no-such-token}/' base.yaml > missing-token.yaml
refuse missing-token missing-token.yaml user.pin "kr-ceremony: error: no token labelled \"no-such-token\" on /usr/lib/softhsm/libsofthsm2.so (tokens present: \"refusals\")
kr-ceremony: hint: create it with kr-token init, or check token.label in the script"

sed 's/type: ec, curve: P-256/type: rsa, bits: 1024/' base.yaml > rsa-1024.yaml
refuse rsa-1024 rsa-1024.yaml user.pin \
  "kr-ceremony: error: rsa-1024.yaml:7:48: steps[0].generate-key.bits: RSA keys must be 2048, 3072 or 4096 bits (CPS 6.1.5)"
assert_no_file "rsa-1024: no output directory or log" out-rsa-1024

sed 's/P-256/P-224/' base.yaml > p-224.yaml
refuse p-224 p-224.yaml user.pin \
  "kr-ceremony: error: p-224.yaml:7:48: steps[0].generate-key.curve: \"P-224\" is not supported; EC keys must use P-256, P-384 or P-521 (CPS 6.1.5)"

sed 's/not-after: 2040-05-26T00:00:00Z/not-after: 2040-05-26T00:00:01Z/' base.yaml > too-long.yaml
refuse too-long too-long.yaml user.pin \
  "kr-ceremony: error: too-long.yaml:13:63: steps[1].self-sign.validity.not-after: validity is 25 years and 1 second; the root-ca profile allows at most 25 years"
assert_no_file "too-long: no output directory or log" out-too-long

printf 'keyrite: 1\nceremony: {id: x\nsteps: []\n' > malformed.yaml
refuse malformed malformed.yaml user.pin \
  "kr-ceremony: error: malformed.yaml:3:6: YAML syntax error: end of map flow not found"

mkdir -p out-exists && echo "precious" > out-exists/root.crt
run_expect 2 "$KR_BIN/kr-ceremony" run base.yaml --output-dir out-exists --pin-fd 3 3<user.pin || true
assert_eq "existing output: message" \
  "kr-ceremony: error: base.yaml:14:15: steps[1].self-sign.output: \"out-exists/root.crt\" already exists; keyrite never overwrites a file" "$ERR"
assert_eq "existing output: the file is untouched" "precious" "$(cat out-exists/root.crt)"
assert_eq "existing output: no key on the token" "0" "$(key_count refusals)"

# Exactly 25 years is allowed (the boundary of the root-ca profile).
run_expect 0 "$KR_BIN/kr-ceremony" run base.yaml --output-dir out-ok --pin-fd 3 3<user.pin
assert_eq "exactly 25 years: signed" "notAfter=May 26 00:00:00 2040 GMT" "$(openssl x509 -in out-ok/root.crt -noout -enddate)"

# The key now exists: a second ceremony generating the same label is refused before any change.
sed 's/id: refusals}/id: refusals-again}/' base.yaml > duplicate-label.yaml
run_expect 2 "$KR_BIN/kr-ceremony" run duplicate-label.yaml --output-dir out-dup --pin-fd 3 3<user.pin || true
assert_eq "duplicate key label: message" \
  "kr-ceremony: error: duplicate-label.yaml:7:27: steps[0].generate-key.label: a key labelled \"k1\" already exists on token \"refusals\"; keyrite never reuses or replaces a key" "$ERR"
assert_no_file "duplicate key label: no certificate" out-dup/root.crt
assert_eq "duplicate key label: still one key" "1" "$(key_count refusals)"

# Usage errors exit 1.
run_expect 1 "$KR_BIN/kr-ceremony" run || true
assert_eq "usage error names the tool" "kr-ceremony: error: SCRIPT is required" "$(head -1 <<<"$ERR")"
run_expect 1 "$KR_BIN/kr-token" list --label x --pin-fd notanumber || true
pass "kr-token usage error exits 1"
finish
