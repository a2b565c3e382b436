#!/usr/bin/env bash
# Absent custodians, pauses, crashes and resume (issue 9, item 5), rehearsed with share and
# passphrase files: a custodian absent from a step on makes the run stop cleanly at that step
# boundary (exit 3, ceremony-paused and a closing checkpoint, the transcript verifies); resume
# checks what was done and finishes with other custodians, the transcript verifying and replaying
# clean. A run killed with SIGKILL is resumed too. A key made by an interrupted step and never
# recorded is refused until the operator adopts or discards it, and either is recorded.
source "$(dirname "$0")/lib.sh"
cer=$WORK/ceremony
new_quorum_softhsm r-hsm "$cer" 3 Ana Ben Cara Dev Eli
audit=$cer/r-hsm.shares.json.audit-key.pem
share() { echo "--share" "$cer/$1.share" "--passphrase-file" "$1=$WORK/passphrases/$1.pass"; }
# script ID : a four-step ceremony; every run uses its own key labels.
script() {
  cat > "$cer/$1.yaml" <<YAML
keyrite: 1
ceremony: {id: $1}
token: {module: softhsm2, label: r-hsm}
roles: {administrator: Alex, internal-auditor: Ivy, custodians: [Ana, Ben, Cara, Dev, Eli]}
quorum: {activation: 3-of-5, share-set: r-hsm.shares.json}
steps:
  - id: key-1
    generate-key: {label: $1-root, type: ec, curve: P-256}
  - id: cert-1
    self-sign:
      key: $1-root
      profile: root-ca
      subject: {C: US, O: Example, CN: Example $1 Root}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: $1-root.crt
  - id: key-2
    generate-key: {label: $1-two, type: ec, curve: P-256}
  - id: pub-2
    export-public-key: {key: $1-two, output: $1-two.pub.pem}
YAML
}
types() { jq -r .type "$1" | tr '\n' ' ' | sed 's/ $//'; }
verify_ok() {
  run_expect 0 "$KR_BIN/kr-transcript" verify "$1" --audit-key "$audit" || return 0
  grep -q "^verdict:    ok" <<<"$OUT" && pass "$2" || fail "$2: $OUT"
}

# 1. Cara is absent from cert-1 on: the run pauses before step 2, exit 3.
script p
log=$WORK/out/p.events.jsonl
run_expect 3 "$KR_BIN/kr-ceremony" run "$cer/p.yaml" --output-dir "$WORK/out" \
  $(share Ana) $(share Ben) $(share Cara) --absent-from cert-1=Cara || true
grep -q "ceremony paused before step 2 of 4 (cert-1)" <<<"$OUT" &&
  grep -q "to continue: kr-ceremony resume $cer/p.yaml --log $log" <<<"$OUT" &&
  pass "an absent custodian pauses the run at a step boundary and says how to resume" ||
  fail "pause message: $OUT $ERR"
assert_eq "the transcript ends with the absence, the pause and a closing checkpoint" \
  "quorum-failed quorum-failed ceremony-paused checkpoint" "$(types "$log" | awk '{print $(NF-3), $(NF-2), $(NF-1), $NF}')"
assert_eq "the absence names the custodian" "Cara did not confirm step cert-1: not present" \
  "$(jq -r 'select(.type=="quorum-failed" and .target=="custodian:Cara") | .cause' "$log")"
verify_ok "$log" "a paused transcript verifies"
grep -q "paused, resumable" <<<"$OUT" && pass "verify says the ceremony is paused and resumable" || fail "verify: $OUT"
assert_no_file "nothing of step 2 was written" "$WORK/out/p-root.crt"

# 2. Resume with Dev in Cara's place: the run checks the transcript and the key, then finishes.
run_expect 0 "$KR_BIN/kr-ceremony" resume "$cer/p.yaml" --log "$log" --output-dir "$WORK/out" \
  $(share Ana) $(share Ben) $(share Dev) || true
grep -q "resuming ceremony p at step 2 of 4 (cert-1); 1 step done, 0 files and 1 key checked" <<<"$OUT" &&
  pass "resume names where it continues and what it checked" || fail "resume: $OUT $ERR"
assert_eq "ceremony-resumed follows the paused run's closing checkpoint" "ceremony-paused checkpoint ceremony-resumed" \
  "$(types "$log" | tr ' ' '\n' | grep -A2 -m1 ceremony-paused | tr '\n' ' ' | sed 's/ $//')"
assert_eq "the resumed run finishes" "ceremony-finished checkpoint" "$(types "$log" | awk '{print $(NF-1), $NF}')"
verify_ok "$log" "the paused and resumed transcript verifies"
run_expect 0 "$KR_BIN/kr-transcript" replay "$log" --artifacts "$WORK/out" --audit-key "$audit" || true
grep -q "^verdict:    ok" <<<"$OUT" && grep -q "quorum 3-of-5: approved by Ana, Ben, Dev" <<<"$OUT" &&
  pass "replay is clean, and counts the resumed run's approvals" || fail "replay: $OUT"
# The auditor sees what went out of the ordinary: every failure, the pause and the resumption the
# transcript records, in its order, in replay's text and in the report.
exceptional=$(jq -r 'select(.outcome == "failure" or .type == "ceremony-paused" or .type == "ceremony-resumed") | .seq' "$log" |
  tr '\n' ' ' | sed 's/ $//')
assert_eq "replay: lists each exception the transcript records, the pause and the resumption among them" "$exceptional" \
  "$(sed -n 's/^  line \([0-9]*\) .*/\1/p' <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')"
grep -qE "^  line [0-9]+ [0-9T:.Z-]+ pause" <<<"$OUT" && grep -qE "^  line [0-9]+ [0-9T:.Z-]+ resumption" <<<"$OUT" &&
  pass "replay: names the pause and the resumption" || fail "replay exceptions: $OUT"
run_expect 0 "$KR_BIN/kr-transcript" report "$log" --artifacts "$WORK/out" --audit-key "$audit" \
  --out "$WORK/p-report.json" --format json || true
assert_eq "report: the same exceptions, with their kinds" \
  "$(jq -r 'select(.outcome == "failure" or .type == "ceremony-paused" or .type == "ceremony-resumed") | .seq' "$log" | wc -l) pause resumption" \
  "$(jq -r '"\(.exceptions | length) \([.exceptions[] | select(.kind == "pause" or .kind == "resumption") | .kind] | join(" "))"' "$WORK/p-report.json")"
run_expect 2 "$KR_BIN/kr-ceremony" resume "$cer/p.yaml" --log "$log" --output-dir "$WORK/out" $(share Ana) || true
grep -q "the ceremony finished; there is nothing to resume" <<<"$ERR" && pass "a finished ceremony is not resumed" || fail "$ERR"

# 3. SIGKILL while the run waits for Dev (his passphrase file is a pipe nobody writes yet).
script k
log=$WORK/out-k/k.events.jsonl
mkfifo -m 600 "$WORK/Dev.fifo"
"$KR_BIN/kr-ceremony" run "$cer/k.yaml" --output-dir "$WORK/out-k" $(share Ana) $(share Ben) $(share Cara) \
  --share "$cer/Dev.share" --passphrase-file "Dev=$WORK/Dev.fifo" --absent-from key-2=Cara >"$WORK/k.out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "Dev (share" "$WORK/k.out" 2>/dev/null && break; sleep 0.1; done
kill -KILL $pid; wait $pid 2>/dev/null || true
run_expect 4 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$audit" || true
grep -q "^verdict:    incomplete" <<<"$OUT" && pass "the killed run's transcript is incomplete, everything in it verified" || fail "$OUT"
run_expect 0 "$KR_BIN/kr-ceremony" resume "$cer/k.yaml" --log "$log" --output-dir "$WORK/out-k" \
  $(share Ana) $(share Ben) $(share Eli) || true
assert_eq "the resumed run records that the previous one was interrupted" "interrupted" \
  "$(jq -r 'select(.type=="ceremony-resumed") | .details.previous_ending' "$log")"
verify_ok "$log" "a killed and resumed transcript verifies"
run_expect 0 "$KR_BIN/kr-transcript" replay "$log" --artifacts "$WORK/out-k" --audit-key "$audit" || true
grep -q "^verdict:    ok" <<<"$OUT" && pass "and replays clean" || fail "replay: $OUT"

# 4. A key made by an interrupted step and never recorded: refused, then adopted or discarded.
# The key appears the way a crash between generation and record leaves it (a test ceremony with
# the derived PIN, which the test knows, makes it).
orphan() {  # orphan LABEL : generate a key with this label outside the ceremony
  cat > "$cer/orphan-$1.yaml" <<YAML
keyrite: 1
ceremony: {id: orphan, test: true}
token: {module: softhsm2, label: r-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: k
    generate-key: {label: $1, type: ec, curve: P-256}
YAML
  "$KR_BIN/kr-ceremony" run "$cer/orphan-$1.yaml" --output-dir "$WORK/orphan-$1" --pin-fd 3 3<"$WORK/user.pin" >/dev/null
}
for how in adopt discard; do
  script "$how"
  log=$WORK/out-$how/$how.events.jsonl
  run_expect 3 "$KR_BIN/kr-ceremony" run "$cer/$how.yaml" --output-dir "$WORK/out-$how" \
    $(share Ana) $(share Ben) $(share Cara) --absent-from key-2=Cara || true
  orphan "$how-two"
  lines=$(wc -l < "$log")
  run_expect 2 "$KR_BIN/kr-ceremony" resume "$cer/$how.yaml" --log "$log" --output-dir "$WORK/out-$how" \
    $(share Ana) $(share Ben) $(share Dev) || true
  grep -q "holds a key labelled \"$how-two\" that the transcript does not record: step key-2 made it" <<<"$ERR" &&
    grep -q -- "--adopt-key $how-two" <<<"$ERR" && grep -q -- "--discard-key $how-two" <<<"$ERR" &&
    pass "$how: an unrecorded key is refused before anyone types, naming both ways out" || fail "orphan: $ERR"
  assert_eq "$how: the refused resume adds nothing to the transcript" "$lines" "$(wc -l < "$log")"
  orphan_spki=$(jq -r .details.spki_sha256 "$WORK/orphan-$how-two/orphan.events.jsonl" | grep -v null | head -1)
  run_expect 0 "$KR_BIN/kr-ceremony" resume "$cer/$how.yaml" --log "$log" --output-dir "$WORK/out-$how" \
    "--$how-key" "$how-two" $(share Ana) $(share Ben) $(share Dev) || true
  resolution=$(jq -r 'select(.type=="ceremony-resumed") | .details.interrupted_step.resolution' "$log")
  assert_eq "$how: the resolution is recorded in ceremony-resumed" "$how" "$resolution"
  recorded=$(jq -r 'select(.type=="key-generated" and .step=="key-2") | .details.spki_sha256' "$log")
  if [[ $how == adopt ]]; then
    assert_eq "adopt: the step records the interrupted run's key" "$orphan_spki" "$recorded"
  else
    [[ -n $recorded && $recorded != "$orphan_spki" ]] &&
      [[ $(jq -r 'select(.type=="key-destroyed" and .step=="key-2") | .details.spki_sha256' "$log") == "$orphan_spki" ]] &&
      pass "discard: the unrecorded key is destroyed (recorded) and a new one made" || fail "discard: $recorded"
  fi
  verify_ok "$log" "$how: the transcript verifies"
  run_expect 0 "$KR_BIN/kr-transcript" replay "$log" --artifacts "$WORK/out-$how" --audit-key "$audit" || true
  grep -q "^verdict:    ok" <<<"$OUT" && pass "$how: replay is clean" || fail "$how replay: $OUT"
done

# 5. A file the interrupted step wrote and never recorded is refused, never overwritten.
script f
run_expect 3 "$KR_BIN/kr-ceremony" run "$cer/f.yaml" --output-dir "$WORK/out-f" \
  $(share Ana) $(share Ben) $(share Cara) --absent-from cert-1=Cara || true
echo "left by a crash" > "$WORK/out-f/f-root.crt"
run_expect 2 "$KR_BIN/kr-ceremony" resume "$cer/f.yaml" --log "$WORK/out-f/f.events.jsonl" \
  --output-dir "$WORK/out-f" $(share Ana) $(share Ben) $(share Dev) || true
grep -q "f-root.crt: step cert-1 has not run according to the transcript, yet its output exists" <<<"$ERR" &&
  pass "an unrecorded output file is refused with the way out" || fail "file: $ERR"
assert_eq "and left as it was" "left by a crash" "$(cat "$WORK/out-f/f-root.crt")"
finish
