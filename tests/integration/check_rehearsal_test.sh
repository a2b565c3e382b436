#!/usr/bin/env bash
# kr-ceremony check rehearses the whole script with software keys, so every refusal that used to
# come half-way through a run (after keys and certificates existed) now comes from `check`, with
# FILE:LINE:COLUMN and the YAML path, before any token is opened. Table-driven: one row per
# refusal the other integration tests provoke mid-run, plus the ones issue 9 names. `run` refuses
# the same scripts before it creates a transcript or touches the token; a clean script's check
# writes nothing and leaves the CRL-number state file as it was.
source "$(dirname "$0")/lib.sh"
new_softhsm check-hsm
cd "$WORK"
# A root on the token (for the rows whose issuer is already there), as guardrails_test makes it.
cat > base.yaml <<'YAML'
keyrite: 1
ceremony: {id: base, test: true}
token: {module: softhsm2, label: check-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: root-key
    generate-key: {label: root, type: ec, curve: P-384}
  - id: root-cert
    self-sign:
      key: root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example Check Root}
      validity: {not-before: 2020-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
YAML
run_expect 0 "$KR_BIN/kr-ceremony" run base.yaml --output-dir base --pin-fd 3 3<"$WORK/user.pin"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other.key 2>/dev/null
openssl req -x509 -key other.key -subj "/CN=Other" -days 30 -out other.crt 2>/dev/null
printf '[ca]\ndefault_ca=c\n[c]\ndatabase=index.txt\ncrlnumber=crlnum\ndefault_md=sha256\ndefault_crl_days=30\n' > ca.cnf
touch index.txt; echo 63 > crlnum
openssl ca -config ca.cnf -gencrl -keyfile other.key -cert other.crt -out other.crl 2>/dev/null
printf '{"broken\n' > damaged-state.jsonl

# crl_on_token ID NEXT-UPDATE STATE EXTRA: a sign-crl step by the root already on the token.
crl_on_token() {
  cat <<YAML
keyrite: 1
ceremony: {id: $1, test: true}
token: {module: softhsm2, label: check-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: base/root.crt}
      this-update: 2026-11-10T00:00:00Z
      next-update: $2
      state: $3
${4:-}      output: $1.crl
YAML
}
# sub_with EXTRA-EXTENSION-LINES: the root and a subordinate made in the same script
# (lib.sh yaml_root_and_sub), its extensions extended by the given lines.
sub_with() { yaml_root_and_sub "$1" check-hsm "Example $1 Sub" "${2:-2026-01-01T00:00:00Z}" | sed "s|^        policies: \[2.23.140.1.2.1\]|        policies: [2.23.140.1.2.1]${3:-}|"; }

# Table: NAME | how the script is made | the finding check must report (FILE:LINE:COLUMN: PATH: ...)
sub_with path-length-5 "" "\n        path-length: 5" > path-length-5.yaml
sub_with sub-before-root 2019-06-01T00:00:00Z > sub-before-root.yaml
yaml_root_and_sub outlives check-hsm "Example Outlives Sub" 2032-01-01T00:00:00Z |
  sed 's/not-after: 2035-01-01T00:00:00Z/not-after: 2041-01-01T00:00:00Z/' > outlives.yaml
yaml_root_and_sub no-aia check-hsm "Example No AIA Sub" 2026-01-01T00:00:00Z |
  grep -v "ca-issuers:\|ocsp:\|crl-distribution-points:" > no-aia.yaml
{ yaml_root_and_sub crl-in-script check-hsm "Example CRL Sub" 2026-01-01T00:00:00Z; cat <<'YAML'
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: root.crt}
      this-update: 2026-11-10T00:00:00Z
      next-update: 2027-11-11T00:00:00Z
      state: in-script-state.jsonl
      output: root.crl
YAML
} > crl-in-script.yaml
crl_on_token crl-too-long 2027-11-11T00:00:00Z crl-state.jsonl > crl-too-long.yaml
crl_on_token crl-foreign-previous 2027-10-01T00:00:00Z crl-state.jsonl "      previous-crl: other.crl
" > crl-foreign-previous.yaml
crl_on_token crl-damaged-state 2027-10-01T00:00:00Z damaged-state.jsonl > crl-damaged-state.yaml
cat > backup-not-marked.yaml <<'YAML'
keyrite: 1
ceremony: {id: backup-not-marked, test: true}
token: {module: softhsm2, label: check-hsm}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Cara, Dev], recovery-custodians: [Rae, Sam]}
quorum: {activation: 2-of-2, share-set: a.shares.json, key-backup: 2-of-2, key-backup-share-set: r.shares.json}
steps:
  - id: key
    generate-key: {label: plain, type: ec, curve: P-256}
  - id: backup
    backup-key: {key: plain, output: media}
YAML

TABLE=(
  "path-length-5|path-length-5.yaml:31:22: steps[4].issue.extensions.path-length: path-length 5 is not allowed; the subordinate-ca profile allows 0 to 2"
  "sub-before-root|sub-before-root.yaml:25:30: steps[4].issue.validity.not-before: not-before 2019-06-01T00:00:00Z is before the issuer's not-before 2020-01-01T00:00:00Z"
  "outlives|outlives.yaml:25:63: steps[4].issue.validity.not-after: not-after 2041-01-01T00:00:00Z is after the issuer's not-after 2040-01-01T00:00:00Z"
  "no-aia|no-aia.yaml:27:9: steps[4].issue.extensions: the subordinate-ca profile needs at least one ca-issuers URL (authorityInfoAccess caIssuers) and gives no default"
  "crl-in-script|crl-in-script.yaml:36:20: steps[5].sign-crl.next-update: next-update is 1 year and 1 day after this-update; the crl profile allows at most 12 months"
  "crl-too-long|crl-too-long.yaml:10:20: steps[0].sign-crl.next-update: "
  "crl-foreign-previous|crl-foreign-previous.yaml:6:5: steps[0]: previous CRL \"other.crl\" is not signed by key \"root\"; it is no evidence of this issuer's CRL numbers"
  "crl-damaged-state|crl-damaged-state.yaml:6:5: steps[0]: $WORK/damaged-state.jsonl:1: "
  "backup-not-marked|backup-not-marked.yaml:9:5: steps[1]: key \"plain\" is not marked for backup: it is not extractable"
)
for row in "${TABLE[@]}"; do
  name=${row%%|*} want=${row#*|}
  run_expect 2 "$KR_BIN/kr-ceremony" check "$name.yaml" --output-dir "out-$name" || { echo "$ERR" >&2; continue; }
  if grep -qF -- "kr-ceremony: error: $want" <<<"$ERR"; then pass "check: $name: $want"; else
    fail "check: $name: expected '$want' in:"; echo "$ERR" >&2; fi
  assert_no_file "check: $name: nothing written" "out-$name"
done
assert_eq "no CRL-number state file appeared" "" "$(ls crl-state.jsonl in-script-state.jsonl 2>/dev/null)"
assert_eq "the damaged state file is as it was" '{"broken' "$(cat damaged-state.jsonl)"

# run refuses the same way before it writes a transcript or makes a key.
keys_before=$(key_count check-hsm)
run_expect 2 "$KR_BIN/kr-ceremony" run path-length-5.yaml --output-dir out-run --pin-fd 3 3<"$WORK/user.pin" || true
grep -qF "path-length-5.yaml:31:22: steps[4].issue.extensions.path-length: " <<<"$ERR" &&
  pass "run refuses path-length 5 at the start" || fail "run: $ERR"
assert_no_file "run: no transcript" out-run/path-length-5.events.jsonl
assert_eq "run: no key was made" "$keys_before" "$(key_count check-hsm)"

# A clean script: check says OK, writes nothing, and the state file it would append to is unchanged.
crl_on_token crl-ok 2027-10-01T00:00:00Z crl-state.jsonl > crl-ok.yaml
run_expect 0 "$KR_BIN/kr-ceremony" run crl-ok.yaml --output-dir out-crl-ok --pin-fd 3 3<"$WORK/user.pin"
state=$(cat crl-state.jsonl)
sub_with clean > clean.yaml
cat >> clean.yaml <<'YAML'
  - id: crl
    sign-crl:
      issuer: {key: root, certificate: root.crt}
      this-update: 2026-11-10T00:00:00Z
      next-update: 2027-10-01T00:00:00Z
      state: crl-state.jsonl
      output: root.crl
YAML
run_expect 0 "$KR_BIN/kr-ceremony" check clean.yaml --output-dir out-clean
assert_eq "clean: check says OK" "clean.yaml: OK: ceremony clean, 6 steps, token \"check-hsm\"" "$OUT"
assert_no_file "clean: check writes nothing" out-clean
assert_eq "clean: the CRL-number state file is unchanged" "$state" "$(cat crl-state.jsonl)"
finish
