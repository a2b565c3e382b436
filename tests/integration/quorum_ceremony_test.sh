#!/usr/bin/env bash
# A ceremony under a 3-of-5 quorum refuses every bad presentation, names the custodian, records
# the refusal in the transcript, and does nothing on the token without three valid approvals (the
# run pauses, exit 3):
# too few shares, a wrong passphrase (retried, then locked out), a share of another set, a
# tampered share, a share presented under another name, a custodian off the roster, a descriptor
# that does not match the script. No PIN or passphrase appears anywhere.
source "$(dirname "$0")/lib.sh"
cer=$WORK/ceremony
# A second set first (its token is only a source of foreign shares), then the ceremony's own.
new_quorum_softhsm other-hsm "$WORK/other" 3 Cara Dev Eli Fay Gus
new_quorum_softhsm q-hsm "$cer" 3 Cara Dev Eli Fay Gus
pass_of() { echo "--passphrase-file" "$1=$WORK/passphrases/$1.pass"; }
cat > "$cer/q.yaml" <<YAML
keyrite: 1
ceremony: {id: q}
token: {module: softhsm2, label: q-hsm}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Cara, Dev, Eli, Fay, Gus]}
quorum: {activation: 3-of-5, share-set: q-hsm.shares.json}
steps:
  - id: key-1
    generate-key: {label: root-1, type: ec, curve: P-256}
YAML
n=0
# attempt EXIT ARGS... : one run into its own output directory; sets LOG to its transcript.
attempt() {
  local want=$1; shift; n=$((n + 1))
  sed "s/label: root-1/label: root-$n/" "$cer/q.yaml" > "$cer/q-$n.yaml"
  run_expect "$want" "$KR_BIN/kr-ceremony" run "$cer/q-$n.yaml" --output-dir "$WORK/out-$n" "$@" || true
  LOG=$WORK/out-$n/q.events.jsonl
  cat "$WORK/stdout" "$WORK/stderr" >> "$WORK/all-output"
}
refusal() { jq -r 'select(.type=="quorum-failed" and (.target|startswith("custodian:"))) | .cause' "$LOG"; }
share() { echo "--share" "$1=$cer/$1.share" $(pass_of "$1"); }

attempt 3 $(share Cara) $(share Dev)
grep -q "only 2 of the 3 activation custodians needed approved step key-1; nothing was done on the token" <<<"$OUT" &&
  grep -q "ceremony paused before step 1 of 1 (key-1)" <<<"$OUT" &&
  pass "two of three: the run pauses (exit 3), nothing done on the token" || fail "two of three: $OUT $ERR"
assert_eq "no key was generated" "1" "$(key_count q-hsm)"
assert_eq "the transcript records the failed quorum and the pause" "quorum-failed ceremony-paused" \
  "$(jq -r .type "$LOG" | tail -2 | tr '\n' ' ' | sed 's/ $//')"

(umask 077; echo "not the passphrase" > "$WORK/wrong.pass")
attempt 0 --share "Cara=$cer/Cara.share" --passphrase-file "Cara=$WORK/wrong.pass" $(pass_of Cara) $(share Dev) $(share Eli)
assert_eq "a wrong passphrase names the custodian and file, and the retry succeeds" \
  "wrong passphrase for custodian Cara ($cer/Cara.share) (1 of 3 allowed)" "$(refusal)"
assert_eq "three approvals after the retry" "Cara Dev Eli" \
  "$(jq -r 'select(.type=="approval-recorded") | .details.custodian' "$LOG" | tr '\n' ' ' | sed 's/ $//')"

attempt 0 --share "Cara=$cer/Cara.share" --passphrase-file "Cara=$WORK/wrong.pass" \
  --passphrase-file "Cara=$WORK/wrong.pass" --passphrase-file "Cara=$WORK/wrong.pass" $(share Dev) $(share Eli) $(share Fay)
assert_eq "three wrong passphrases lock the custodian out, in the transcript" "custodian:Cara" \
  "$(jq -r 'select(.type=="custodian-locked-out") | .target' "$LOG")"
assert_eq "the others still make the quorum" "Dev Eli Fay" \
  "$(jq -r 'select(.type=="approval-recorded") | .details.custodian' "$LOG" | tr '\n' ' ' | sed 's/ $//')"

attempt 3 --share "Cara=$WORK/other/Cara.share" $(pass_of Cara) $(share Dev) $(share Eli)
grep -q "^$WORK/other/Cara.share: .*other-hsm\|another set\|share set" <<<"$(refusal)" &&
  pass "a share of another set is refused, naming the file" || fail "foreign share: $(refusal)"

cp "$cer/Dev.share" "$WORK/Dev-tampered.share"
printf 'x' | dd of="$WORK/Dev-tampered.share" bs=1 seek=$(($(stat -c %s "$WORK/Dev-tampered.share") - 5)) conv=notrunc 2>/dev/null
attempt 3 $(share Cara) --share "Dev=$WORK/Dev-tampered.share" $(pass_of Dev) $(share Eli)
grep -q "Dev" <<<"$(refusal)" && grep -qi "modified\|tamper" <<<"$(refusal)" &&
  pass "a tampered share is named before anything is combined" || fail "tampered: $(refusal)"

attempt 3 $(share Cara) --share "Dev=$cer/Cara.share" --passphrase-file "Dev=$WORK/passphrases/Cara.pass" $(share Eli)
grep -q "Cara.share is the share of Cara, presented as Dev's (no try counted)" <<<"$(refusal)" &&
  pass "a share presented under another custodian's name is refused" || fail "impostor: $(refusal)"

attempt 3 --share "Zed=$cer/Cara.share" --passphrase-file "Zed=$WORK/passphrases/Cara.pass" $(share Dev) $(share Eli)
assert_eq "a custodian off the roster is refused" \
  "\"Zed\" is not on the roster of the activation share set $(jq -r '.["set-id"]' "$cer/q-hsm.shares.json")" "$(refusal)"

run_expect 1 "$KR_BIN/kr-ceremony" run "$cer/q.yaml" --output-dir "$WORK/out-dup" --share "Cara=$cer/Cara.share" --share "Cara=$cer/Cara.share" || true
assert_eq "the same custodian twice on the command line" "kr-ceremony: error: --share: Cara is named twice" "$(head -1 <<<"$ERR")"

sed 's/custodians: \[Cara, Dev, Eli, Fay, Gus\]/custodians: [Cara, Dev, Eli, Fay, Hal]/' "$cer/q.yaml" > "$cer/q-roster.yaml"
run_expect 2 "$KR_BIN/kr-ceremony" run "$cer/q-roster.yaml" --output-dir "$WORK/out-roster" $(share Cara) || true
grep -q '"Hal" holds no share of this activation share set' <<<"$ERR" &&
  pass "a script roster that is not the share set's is refused before anything is written" || fail "roster: $ERR"
assert_no_file "no transcript for a refused script" "$WORK/out-roster/q.events.jsonl"

run_expect 0 "$KR_BIN/kr-ceremony" plan "$cer/q.yaml" --tbs-dir "$WORK/tbs"
assert_eq "plan mode runs under a quorum without a PIN" \
  "step key-1: generate-key: nothing to sign|0 steps planned; plan: $WORK/tbs/plan.json" "$(paste -sd'|' <<<"$OUT")"

assert_eq "after all that, the token holds the audit key and the keys of the three good runs" "3" "$(key_count q-hsm)"
# Nothing keyrite wrote or printed holds a PIN or a passphrase.
found=0
for secret in "$(cat "$WORK/user.pin")" "$(cat "$WORK"/passphrases/*.pass)" "not the passphrase"; do
  while IFS= read -r line; do
    grep -rqF "$line" "$WORK"/out-* "$cer" "$WORK/all-output" && found=1
  done <<<"$secret"
done
[[ $found == 0 ]] && pass "no PIN or passphrase in any file or output" || fail "a secret leaked"
finish
