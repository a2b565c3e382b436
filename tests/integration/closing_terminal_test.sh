#!/usr/bin/env bash
# A ceremony whose close was lost, closed by custodians at a real pseudo-terminal
# (tests/support/pty_session.py). The device dies right after signing the closing checkpoint
# (tests/support/fault_module, die mode): every step is done and recorded, the transcript's tail is
# unsigned. `kr-ceremony resume`, as a person types it, asks for no step approval: two custodians
# present their shares and type their passphrases for the closing checkpoint only (one first
# presents the other's file and types a wrong passphrase, refused at no cost and once). The
# transcript then verifies "ok", finished, the checkpoint cosigned by the two who opened their
# shares, and replays clean; no passphrase reaches the screen or a file.
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { fail "python3 is needed to drive the terminal"; finish; }
session=$KR_SOURCE_DIR/tests/support/pty_session.py
fault_module=$KR_TEST_BIN/libkr-fault-pkcs11.so
[[ -f $fault_module ]] || { fail "$fault_module is not built (target kr-fault-pkcs11)"; finish; }
names=("Ana Ortiz" "Bo Ødegård" "Chloé N'Diaye")
cer="$WORK/close room"
out="$WORK/out dir"
new_quorum_softhsm close-hsm "$cer" 2 "${names[@]}"
audit=$cer/close-hsm.shares.json.audit-key.pem
tokens=$(dirname "$SOFTHSM2_CONF")/tokens
cp -a "$tokens" "$WORK/pristine-tokens"
cat > "$cer/close.yaml" <<YAML
keyrite: 1
ceremony: {id: close, test: true}
token: {module: $fault_module, label: close-hsm}
roles:
  administrator: "Lúcia Ferreira"
  internal-auditor: "Ike O'Connor"
  custodians: ["Ana Ortiz", "Bo Ødegård", "Chloé N'Diaye"]
quorum: {activation: 2-of-3, share-set: close-hsm.shares.json}
steps:
  - id: root-key
    generate-key: {label: close-root, type: ec, curve: P-256}
  - id: root-cert
    self-sign:
      key: close-root
      profile: root-ca
      subject: {C: NO, O: Example, CN: Example Close Root}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: root.crt
YAML
args=()
for name in "Ana Ortiz" "Bo Ødegård"; do
  args+=(--share "$name=$cer/$name.share" --passphrase-file "$name=$WORK/passphrases/$name.pass")
done
log=$out/close.events.jsonl

# The whole run once, traced, to find the closing checkpoint's C_Sign (the last); then the token
# as it was before.
KR_FAULT_TRACE=$WORK/trace "$KR_BIN/kr-ceremony" run "$cer/close.yaml" --output-dir "$WORK/traced" \
  "${args[@]}" >"$WORK/traced.out" 2>&1 || { fail "the traced run: $(tail -3 "$WORK/traced.out")"; finish; }
closing_sign=$(awk '$2 == "C_Sign" {last = $1} END {print last}' "$WORK/trace")
rm -rf "$tokens" "$WORK/traced" && cp -a "$WORK/pristine-tokens" "$tokens"

# The run: the device dies after the closing checkpoint's signature.
set +e
KR_FAULT_CALL=$closing_sign KR_FAULT_MODE=die "$KR_BIN/kr-ceremony" run "$cer/close.yaml" \
  --output-dir "$out" "${args[@]}" >"$WORK/run.out" 2>&1
status=$?
set -e
assert_eq "the device died after signing the closing checkpoint (SIGKILL)" 137 "$status"
assert_eq "the transcript ends with the last step's certificate and the finish, no closing checkpoint" \
  "certificate-signed ceremony-finished" "$(jq -r .type "$log" | tail -2 | paste -sd' ')"
run_expect 4 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$audit" || true
grep -q "unsigned tail" <<<"$OUT" && pass "before the resume: the transcript's tail is unsigned" ||
  fail "verify before the resume: $OUT"

# The resume, typed at the terminal: Ana presents her share; her file presented again is refused;
# Bo types a wrong passphrase once, then the right one.
D=$WORK/close.dialog
say() { printf '%s\n' "$@" >> "$D"; }
share_prompt='expect-re share file or directory for (step root-cert|the closing checkpoint)[^\n]*: $'
say "expect the closing checkpoint needs 2 of 3 activation custodians" "$share_prompt" \
  "type $cer/Ana Ortiz.share" "expect passphrase of Ana Ortiz (empty: cancel): " \
  "type-secret $WORK/passphrases/Ana Ortiz.pass" "expect Ana Ortiz opened their share" \
  "$share_prompt" "type $cer/Ana Ortiz.share" "expect refused: " \
  "$share_prompt" "type $cer/Bo Ødegård.share" "expect passphrase of Bo Ødegård (empty: cancel): " \
  "type-secret $WORK/wrong.pass" "expect refused: wrong passphrase for custodian Bo Ødegård" \
  "expect passphrase of Bo Ødegård (try 2) (empty: cancel): " \
  "type-secret $WORK/passphrases/Bo Ødegård.pass" "expect Bo Ødegård opened their share" "eof"
(umask 077; echo "not the passphrase of Bo" > "$WORK/wrong.pass")
set +e
python3 "$session" --timeout 15 --screen "$WORK/close.screen" "$D" -- \
  "$KR_BIN/kr-ceremony" resume "$cer/close.yaml" --log "$log" --output-dir "$out" 2>"$WORK/close.err"
status=$?
set -e
assert_eq "the resume at the terminal closes the ceremony (exit 0)" 0 "$status"
[[ $status == 0 ]] || { cat "$WORK/close.screen" "$WORK/close.err" >&2; }
screen=$(cat "$WORK/close.screen" 2>/dev/null || true)
assert_eq "no step is approved again: no approval word is asked" 0 \
  "$(grep -c 'to approve step' <<<"$screen" || true)"
assert_eq "a share presented twice is refused at no cost, saying it is open already" 1 \
  "$(grep -cF "refused: $cer/Ana Ortiz.share: the share of Ana Ortiz is open already (no try counted)" <<<"$screen" || true)"

# --- What the transcript records. ---------------------------------------------------------------
run_expect 0 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$audit" || true
grep -q "^verdict:    ok" <<<"$OUT" && pass "the closed transcript verifies ok" || fail "verify: $OUT"
assert_eq "after the resumption: the finish and its checkpoint, and nothing approved again" \
  "ceremony-resumed token-opened ceremony-finished checkpoint" \
  "$(jq -r .type "$log" | sed -n '/ceremony-resumed/,$p' | grep -v quorum-failed | paste -sd' ')"
assert_eq "no approval was recorded after the resumption" 0 \
  "$(jq -r .type "$log" | sed -n '/ceremony-resumed/,$p' | grep -c approval-recorded || true)"
assert_eq "the refusals are recorded: the share presented twice, the wrong passphrase" 2 \
  "$(jq -r .type "$log" | sed -n '/ceremony-resumed/,$p' | grep -c quorum-failed || true)"
signers=$(jq -r 'select(.type=="checkpoint") | .note' "$log" | grep '^signers ' | tail -1)
assert_eq "the closing checkpoint is signed by the audit key and cosigned by the two custodians" \
  "keyrite-audit custodian custodian" "$(tr ' ' '\n' <<<"${signers#signers }" | cut -d/ -f1 | paste -sd' ')"
run_expect 0 "$KR_BIN/kr-transcript" replay "$log" --artifacts "$out" --audit-key "$audit" --format json || true
assert_eq "replay: verdict ok" ok "$(jq -r .verdict <<<"$OUT")"
leaks=0
while IFS= read -r secret; do
  grep -rqF -- "$secret" "$out" "$cer" "$WORK/close.screen" "$WORK/close.err" &&
    { leaks=1; echo "leaked: $secret" >&2; }
done < <(cat "$WORK"/passphrases/*.pass "$WORK/wrong.pass")
[[ $leaks == 0 ]] && pass "no passphrase on the screen or in any file" || fail "a secret leaked"
finish
