#!/usr/bin/env bash
# A 3-of-5 ceremony the way five people in a room run it (issue 9): custodians type at a real
# pseudo-terminal (tests/support/pty_session.py), nothing comes from rehearsal options. Their
# names have spaces, accents and an apostrophe, and so do the room's paths. Each custodian types
# the passphrase once per run and approves each step by typing the word its screen shows. On the
# way: a file that is no share and a share of another set are refused naming whose it is, at no
# try's cost; a wrong passphrase is refused (1 of 3) and the retry opens the share; a wrong word
# is asked again; an empty passphrase is a cancel. At step 3 one custodian is not present and
# nobody else comes: the run pauses (exit 3); the resume command it prints, run as printed,
# finishes with three other custodians. The transcript verifies and replays clean and records
# every refusal, the pause, the resumption and each step's approvals; no passphrase is shown or
# written anywhere.
source "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { fail "python3 is needed to drive the terminal"; finish; }
session=$KR_SOURCE_DIR/tests/support/pty_session.py
cer="$WORK/ceremony room"
out="$WORK/out dir"
names=("Ana Ortiz" "Bo Ødegård" "Chloé N'Diaye" "Dev Rao" "Eli Park")
# The other set (same names, another token) is only a source of foreign shares; then the room's.
new_quorum_softhsm other-hsm "$WORK/other set" 3 "${names[@]}"
new_quorum_softhsm room-hsm "$cer" 3 "${names[@]}"
audit=$cer/room-hsm.shares.json.audit-key.pem
cat > "$cer/room.yaml" <<'YAML'
keyrite: 1
ceremony: {id: room}
token: {module: softhsm2, label: room-hsm}
roles:
  administrator: "Lúcia Ferreira"
  internal-auditor: "Ike O'Connor"
  custodians: ["Ana Ortiz", "Bo Ødegård", "Chloé N'Diaye", "Dev Rao", "Eli Park"]
quorum: {activation: 3-of-5, share-set: room-hsm.shares.json}
steps:
  - id: root-key
    generate-key: {label: room-root, type: ec, curve: P-256}
  - id: root-cert
    self-sign:
      key: room-root
      profile: root-ca
      subject: {C: NO, O: Example, CN: Example Room Root}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: root.crt
  - id: key-2
    generate-key: {label: room-two, type: ec, curve: P-256}
  - id: pub-2
    export-public-key: {key: room-two, output: two.pub.pem}
YAML
# Chloé brings a USB stick: her share, a note, and her share of the other set.
stick="$WORK/usb stick Chloé"
mkdir -p "$stick"
cp "$cer/Chloé N'Diaye.share" "$stick/"
cp "$WORK/other set/Chloé N'Diaye.share" "$stick/old set.share"
echo "keep this stick in the safe" > "$stick/README.txt"
echo "not a share file" > "$WORK/notes.txt"
(umask 077; echo "not the passphrase of Bo" > "$WORK/wrong.pass")

# The dialog, written as the room speaks it. Every wait has a 15 s timeout (pty_session.py).
D=
say() { printf '%s\n' "$@" >> "$D"; }
share_prompt() { say "expect share file or directory for step $1 (empty: nobody else is present): "; }
# present STEP FILE-OR-DIR NAME COUNT : a custodian presents a share, types the passphrase and
# the step's word, as the COUNT-th approval.
present() {
  share_prompt "$1"
  say "type $2" "expect : the share of $3 (share " "expect passphrase of $3 (empty: cancel): " \
    "type-secret $WORK/passphrases/$3.pass"
  confirm "$1" "$3" "$4"
}
# confirm STEP NAME COUNT : a custodian whose share is open types the word read off the prompt.
confirm() {
  say "expect-re $2: type \"(?P<word>[A-Za-z]+)\" to approve step $1 \\(empty: not present\\): \$" \
    "type-group word" "expect $2 approves ($3 of 3 approved)"
}
screen_of() { cat "$1" 2>/dev/null || true; }

# --- The run: steps 1 and 2 approved by Ana, Bo and Chloé; Bo is not there for step 3. ---------
D=$WORK/run.dialog
say "expect == step 1 of 4: root-key (generate-key) ==" "expect to approve, each custodian types: "
share_prompt root-key
say "type $WORK/notes.txt" "expect refused: "
share_prompt root-key
say "type $WORK/other set/Bo Ødegård.share" "expect refused: "
present root-key "$cer/Ana Ortiz.share" "Ana Ortiz" 1
share_prompt root-key
say "type $cer/Bo Ødegård.share" "expect passphrase of Bo Ødegård (empty: cancel): " "type-secret $WORK/wrong.pass" \
  "expect refused: wrong passphrase for custodian Bo Ødegård" \
  "expect passphrase of Bo Ødegård (try 2) (empty: cancel): " "type-secret $WORK/passphrases/Bo Ødegård.pass" \
  "expect-re Bo Ødegård: type \"[A-Za-z]+\" to approve step root-key \\(empty: not present\\): \$" \
  "type not-the-word" \
  "expect-re that was not the word\\. Bo Ødegård: type \"(?P<word>[A-Za-z]+)\" to approve step root-key" \
  "type-group word" "expect Bo Ødegård approves (2 of 3 approved)"
present root-key "$stick" "Chloé N'Diaye" 3
say "expect approved by Ana Ortiz; Bo Ødegård; Chloé N'Diaye;" "expect == step 2 of 4: root-cert (self-sign) =="
confirm root-cert "Ana Ortiz" 1; confirm root-cert "Bo Ødegård" 2; confirm root-cert "Chloé N'Diaye" 3
say "expect == step 3 of 4: key-2 (generate-key) =="
confirm key-2 "Ana Ortiz" 1
say "expect-re Bo Ødegård: type \"[A-Za-z]+\" to approve step key-2" "type"
confirm key-2 "Chloé N'Diaye" 2
share_prompt key-2
say "type" "expect ceremony paused before step 3 of 4 (key-2)" "eof"

started=$SECONDS
set +e
python3 "$session" --timeout 15 --screen "$WORK/run.screen" "$WORK/run.dialog" -- \
  "$KR_BIN/kr-ceremony" run "$cer/room.yaml" --output-dir "$out" 2>"$WORK/run.err"
status=$?
set -e
assert_eq "the run at the terminal pauses (exit 3) when too few custodians are present" 3 "$status"
[[ $status == 3 ]] || cat "$WORK/run.err" >&2
log=$out/room.events.jsonl
screen=$(screen_of "$WORK/run.screen")
resume=$(sed -n 's/^to continue: //p' <<<"$screen")
grep -qF "only 2 of the 3 activation custodians needed approved step key-2; nothing was done on the token" <<<"$screen" &&
  pass "the screen says why the run paused" || fail "pause reason: $screen"
assert_eq "the printed resume command is the one in the transcript's ceremony-paused" \
  "$(jq -r 'select(.type=="ceremony-paused") | .details.resume' "$log" 2>/dev/null)" "$resume"
assert_eq "the paused transcript ends with the absence, the step's failed quorum, the pause and a checkpoint" \
  "quorum-failed quorum-failed ceremony-paused checkpoint" "$(jq -r .type "$log" | tail -4 | paste -sd' ')"
run_expect 0 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$audit" || true
grep -q "^verdict:    ok" <<<"$OUT" && grep -q "paused, resumable" <<<"$OUT" &&
  pass "the paused transcript verifies, paused and resumable" || fail "verify after the pause: $OUT"
assert_no_file "nothing of step 3 or 4 was written" "$out/two.pub.pem"

# --- The resume, exactly as printed: Dev, Eli and Ana (a new process asks for shares again). ---
D=$WORK/resume.dialog
say "expect resuming ceremony room at step 3 of 4 (key-2); 2 steps done" "expect == step 3 of 4: key-2 (generate-key) =="
present key-2 "$cer/Dev Rao.share" "Dev Rao" 1
# Eli presses Enter at the passphrase prompt (a cancel, no try), then presents again.
share_prompt key-2
say "type $cer/Eli Park.share" "expect passphrase of Eli Park (empty: cancel): " "type" \
  "expect refused: Eli Park cancelled the passphrase entry (no try counted)"
present key-2 "$cer/Eli Park.share" "Eli Park" 2
present key-2 "$cer/Ana Ortiz.share" "Ana Ortiz" 3
say "expect approved by Dev Rao; Eli Park; Ana Ortiz;" "expect == step 4 of 4: pub-2 (export-public-key) =="
confirm pub-2 "Dev Rao" 1; confirm pub-2 "Eli Park" 2; confirm pub-2 "Ana Ortiz" 3
say "expect approved by Dev Rao; Eli Park; Ana Ortiz;" "eof"
# The shell splits the printed command as an operator's paste would; only the tool's directory is
# added.
[[ -n $resume ]] || { fail "no resume command on the screen"; finish; }
eval "resume_argv=($resume)"
assert_eq "the printed resume command names the script, transcript and output directory" \
  "kr-ceremony|resume|$cer/room.yaml|--log|$log|--output-dir|$out" "$(IFS='|'; echo "${resume_argv[*]}")"
set +e
python3 "$session" --timeout 15 --screen "$WORK/resume.screen" "$WORK/resume.dialog" -- \
  "$KR_BIN/${resume_argv[0]}" "${resume_argv[@]:1}" 2>"$WORK/resume.err"
status=$?
set -e
assert_eq "the resumed run at the terminal finishes (exit 0)" 0 "$status"
[[ $status == 0 ]] || cat "$WORK/resume.err" >&2
echo "the two terminal sessions took $((SECONDS - started)) s"

# --- What the transcript records. ---------------------------------------------------------------
other_set=$(jq -r '.["set-id"]' "$WORK/other set/other-hsm.shares.json")
room_set=$(jq -r '.["set-id"]' "$cer/room-hsm.shares.json")
refusals=$(jq -r 'select(.type=="quorum-failed") | "\(.step) \(.target): \(.cause)"' "$log")
expected_refusals="root-key custodian:$WORK/notes.txt: $WORK/notes.txt:1: format: expected \"format: ...\" (no try counted)
root-key custodian:$WORK/other set/Bo Ødegård.share: $WORK/other set/Bo Ødegård.share (custodian Bo Ødegård): belongs to share set $other_set, not to set $room_set of the descriptor (no try counted)
root-key custodian:Bo Ødegård: wrong passphrase for custodian Bo Ødegård ($cer/Bo Ødegård.share) (1 of 3 allowed)
key-2 custodian:Bo Ødegård: Bo Ødegård did not confirm step key-2: not present
key-2 step:key-2: only 2 of the 3 activation custodians needed approved step key-2; nothing was done on the token
key-2 custodian:Eli Park: Eli Park cancelled the passphrase entry (no try counted)"
assert_eq "every refusal is recorded, naming the file or the custodian, in order" "$expected_refusals" "$refusals"
grep -qxF "  refused: $WORK/other set/Bo Ødegård.share (custodian Bo Ødegård): belongs to share set $other_set, not to set $room_set of the descriptor (no try counted)" \
  "$WORK/run.screen" && pass "the screen names whose the foreign share is" || fail "foreign share on screen"
assert_eq "no custodian was locked out" 0 "$(jq -s '[.[] | select(.type=="custodian-locked-out")] | length' "$log")"
approvals() { jq -r --arg s "$1" 'select(.type=="approval-recorded" and .step==$s) | .details.custodian' "$log" | paste -sd'|'; }
assert_eq "step root-key: approved by three custodians" "Ana Ortiz|Bo Ødegård|Chloé N'Diaye" "$(approvals root-key)"
assert_eq "step root-cert: approved by the same three, who typed their passphrases once" \
  "Ana Ortiz|Bo Ødegård|Chloé N'Diaye" "$(approvals root-cert)"
assert_eq "step key-2: approved after the resume by Dev, Eli and Ana" "Dev Rao|Eli Park|Ana Ortiz" "$(approvals key-2)"
assert_eq "step pub-2: approved by the same three" "Dev Rao|Eli Park|Ana Ortiz" "$(approvals pub-2)"
assert_eq "the pause, its checkpoint and the resumption follow each other" "ceremony-paused checkpoint ceremony-resumed" \
  "$(jq -r .type "$log" | grep -A2 -m1 ceremony-paused | paste -sd' ')"
assert_eq "the pause names the next step" "key-2" "$(jq -r 'select(.type=="ceremony-paused") | .details.next_step' "$log")"
assert_eq "the resumption records that the run before it paused" "paused" \
  "$(jq -r 'select(.type=="ceremony-resumed") | .details.previous_ending' "$log")"
assert_eq "the ceremony finishes, sealed by a checkpoint" "ceremony-finished checkpoint" "$(jq -r .type "$log" | tail -2 | paste -sd' ')"
assert_eq "the administrator is the operator, as written" "Lúcia Ferreira" \
  "$(jq -r 'select(.type != "checkpoint") | .operator' "$log" | sort -u)"

# Each step's screen: the word prompted is the first PGP word shown, and the SHA-256 shown is
# the one every approval of that step signs.
both=$(screen_of "$WORK/run.screen"; screen_of "$WORK/resume.screen")
screens=$(awk '/^== step [0-9]+ of [0-9]+: /{step=$6}
  /step text SHA-256 \(what each approval signs\): /{print step, "sha", $NF}
  /^ +1  [A-Za-z]+ /{if (!seen[step]++) print step, "first", $2}
  /to approve, each custodian types: /{print step, "word", $NF}' <<<"$both")
field() { awk -v s="$1" -v f="$2" '$1 == s && $2 == f {print $3}' <<<"$screens" | sort -u; }
for step in root-key root-cert key-2 pub-2; do
  shown_sha=$(field "$step" sha); first_word=$(field "$step" first); shown_word=$(field "$step" word)
  prompted=$(grep -oE "type \"[A-Za-z]+\" to approve step $step " <<<"$both" | cut -d'"' -f2 | sort -u || true)
  signed=$(jq -r --arg s "$step" 'select(.type=="approval-recorded" and .step==$s) | .details.approval["step-sha256"]' "$log" | sort -u)
  [[ -n $shown_sha && $shown_sha == "$signed" && -n $first_word && $first_word == "$shown_word" &&
    $prompted == "$shown_word" ]] &&
    pass "step $step: the prompted word ($prompted) and the SHA-256 signed are the ones on its screen" ||
    fail "step $step: screen $shown_sha/$first_word/$shown_word, prompted $prompted, signed $signed"
done
[[ $(grep -c "to approve, each custodian types: " <<<"$both") == 5 ]] &&
  pass "a screen for each of the 4 steps, and key-2's again after the resume" || fail "screens: $both"
grep -qF "passphrase of Bo Ødegård (try 2) (empty: cancel): " <<<"$both" && pass "the retry is prompted as try 2" || fail "try 2"

# --- The auditor. ------------------------------------------------------------------------------
run_expect 0 "$KR_BIN/kr-transcript" verify "$log" --audit-key "$audit" &&
  grep -q "^verdict:    ok" <<<"$OUT" && pass "the paused and resumed transcript verifies" || fail "verify: $OUT"
run_expect 0 "$KR_BIN/kr-transcript" replay "$log" --artifacts "$out" --audit-key "$audit" --format json || true
assert_eq "replay: verdict ok" ok "$(jq -r .verdict <<<"$OUT")"
assert_eq "replay: every step re-derived and ok" "root-key ok|root-cert ok|key-2 ok|pub-2 ok" \
  "$(jq -r '.steps[] | "\(.id) \(.verdict)"' <<<"$OUT" | paste -sd'|')"
assert_eq "replay: each step's quorum checked against its approvals" \
  "quorum 3-of-5: approved by Ana Ortiz, Bo Ødegård, Chloé N'Diaye|quorum 3-of-5: approved by Ana Ortiz, Bo Ødegård, Chloé N'Diaye|quorum 3-of-5: approved by Dev Rao, Eli Park, Ana Ortiz|quorum 3-of-5: approved by Dev Rao, Eli Park, Ana Ortiz" \
  "$(jq -r '.steps[].checked[] | select(startswith("quorum"))' <<<"$OUT" | paste -sd'|')"
assert_eq "replay lists the refusals, the pause and the resumption as exceptions" \
  "refusal $WORK/notes.txt|refusal $WORK/other set/Bo Ødegård.share|refusal Bo Ødegård|refusal Bo Ødegård|quorum not met|pause|resumption|refusal Eli Park" \
  "$(jq -r '.exceptions[] | [.kind, .custodian] | join(" ") | rtrimstr(" ")' <<<"$OUT" | paste -sd'|')"
openssl verify -CAfile "$out/root.crt" "$out/root.crt" >/dev/null 2>&1 &&
  pass "openssl verifies the root made at the terminal" || fail "openssl verify root.crt"
assert_eq "the token holds the audit key and the two keys" 3 "$(key_count room-hsm)"

# --- No secret on the screen or in any file; the typed (echoed) paths are, so the check can fail.
grep -qF "$cer/Dev Rao.share" <<<"$both" && pass "what is typed at a share prompt is echoed" || fail "no echo"
leaks=0
while IFS= read -r secret; do
  grep -rqF -- "$secret" "$out" "$cer" "$stick" "$WORK/run.screen" "$WORK/resume.screen" "$WORK/run.err" \
    "$WORK/resume.err" && { leaks=1; echo "leaked: $secret" >&2; }
done < <(cat "$WORK"/passphrases/*.pass "$WORK/wrong.pass" "$WORK/user.pin")
[[ $leaks == 0 ]] && pass "no passphrase or PIN on the screen or in any file" || fail "a secret leaked"
finish
