#!/usr/bin/env bash
# kr-ceremony run killed at every point, then resumed (issue 15, item 6). A six-step quorum
# ceremony (root key, self-signed root, subordinate key, its CSR, the subordinate issued from the
# CSR, a CRL) is killed with SIGKILL when its transcript reaches line L, when each output file or
# a temporary file appears, and when a key's first object appears on the token (mid-generation).
# Each time the transcript must verify as "incomplete" (everything in it signed or in order), and
# `kr-ceremony resume`, following only the ways out it prints (--discard-key for a key the
# interrupted step made, moving aside a file it wrote, which its artifact-intent names), must
# finish with a transcript that verifies and replays clean with every artifact, no CRL number
# issued twice, and nothing on the token the transcript does not record.
# SIGINT, SIGTERM, a full disk and a read-only output directory: interrupt_disk_test.sh.
#
# KR_SLOW_TESTS=1 kills at every transcript line; otherwise at every third line (the other
# triggers always run).
source "$(dirname "$0")/crash_lib.sh"

fresh reference
run_expect 0 "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" || finish
total=$(wc -l < "$LOG")
artifacts=$(cd "$ODIR" && ls | grep -v -e '\.events\.jsonl$' -e '\.inventory\.jsonl$' | tr '\n' ' ')
echo "the reference run writes $total transcript lines and $artifacts"

# kill_when NAME CONDITION : runs the ceremony and SIGKILLs it as soon as CONDITION (a shell
# test, polled) holds; sets KILLED=1 if it did, 0 if the run ended first.
kill_when() {
  fresh "$1"
  "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" >"$DIR/run.out" 2>&1 &
  local pid=$!
  KILLED=0
  while kill -0 "$pid" 2>/dev/null; do
    # (The run may end between the check and the kill: kill then fails, harmlessly.)
    if eval "$2"; then kill -KILL "$pid" 2>/dev/null || true; break; fi
    sleep 0.01
  done
  # kill succeeds on a run that has already ended (a zombie until waited for): the status tells.
  local status=0
  wait "$pid" 2>/dev/null || status=$?
  [[ $status != 137 ]] || KILLED=1
  NOTE=$([[ $KILLED == 1 ]] && echo "killed with $(lines) transcript lines, $(objects) token objects" ||
         echo "the run ended before the trigger")
}

step=$([[ -n ${KR_SLOW_TESTS:-} ]] && echo 1 || echo 3)
started=$SECONDS
for ((l = 1; l < total; l += step)); do
  kill_when "line-$l" "(( \$(lines) >= $l ))"; check_cycle "SIGKILL at transcript line $l"
done
for a in $artifacts; do
  kill_when "file-$a" "[[ -e \$ODIR/$a ]]"; check_cycle "SIGKILL when $a appears"
done
kill_when tmp "[[ -n \$(find \"\$ODIR\" -name '.*.tmp-*' 2>/dev/null) ]]"
check_cycle "SIGKILL while a temporary file is being written"
for k in 1 3; do  # the first object of each key pair
  kill_when "object-$k" "(( \$(objects) >= pristine_objects + $k ))"
  check_cycle "SIGKILL when token object $k of the ceremony appears"
done

# The device dies inside C_GenerateKeyPair, deterministically (tests/support/fault_module): once
# with the whole pair made (resume asks the room to adopt or discard it), once with only the
# private half written (resume destroys that half by the CKA_ID the intent recorded, and says so).
fault_module=$KR_TEST_BIN/libkr-fault-pkcs11.so
# run_until_death MODE CALL : the ceremony run, the device dying at PKCS#11 call CALL in MODE (the
# fault module's die or die-half-pair); KILLED=1 when the process died by SIGKILL.
run_until_death() {
  local status
  set +e
  KR_FAULT_CALL=$2 KR_FAULT_MODE=$1 "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" \
    "${ARGS[@]}" >"$DIR/run.out" 2>&1
  status=$?
  set -e
  KILLED=$([[ $status == 137 ]] && echo 1 || echo 0)
}
if [[ ! -f $fault_module ]]; then
  fail "$fault_module is not built (target kr-fault-pkcs11)"
else
  MODULE=$fault_module
  fresh trace
  trace=$WORK/generation.trace
  KR_FAULT_TRACE=$trace "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" \
    >"$DIR/run.out" 2>&1 || fail "the traced run: $(tail -3 "$DIR/run.out")"
  generations=$(awk '$2 == "C_GenerateKeyPair" && $4 == "kr-ceremony" {print $1}' "$trace" | tr '\n' ' ')
  assert_eq "the traced run calls C_GenerateKeyPair twice" 2 "$(wc -w <<<"$generations")"
  for n in $generations; do
    for mode in die die-half-pair; do
      fresh "$mode-$n"
      run_until_death "$mode" "$n"
      assert_eq "$mode at call $n (C_GenerateKeyPair): the process died" 1 "$KILLED"
      NOTE="$(objects) token objects"
      check_cycle "the device died in C_GenerateKeyPair (call $n, $mode)"
      if [[ $mode == die-half-pair ]]; then
        [[ -n $(jq -c 'select(.type=="key-destroyed" and .details.half_made==true)' "$WORK/last-transcript.jsonl") ]] &&
          pass "$mode at call $n: resume destroyed the lone private key and recorded it" ||
          fail "$mode at call $n: no key-destroyed event for the half-made pair"
      fi
    done
  done
  # A kill inside SoftHSM's C_GenerateKeyPair can also leave a key object with only CKA_CLASS and
  # CKA_KEY_TYPE (SoftHSM writes those first): no CKA_ID, label or key material, so the CKA_ID
  # search cannot find it (seen here about once in three sweeps, by timing). Made deterministic:
  # the device dies with half a pair (die-half-pair) and the token directory gets exactly the
  # 56-byte object file SoftHSM 2.6 left in such a kill (generation 3, CKA_CLASS = private key,
  # CKA_KEY_TYPE = EC; each attribute: type, value kind 2 = unsigned long, value, 8 bytes each).
  n=${generations%% *}
  fresh "empty-object-$n"
  run_until_death die-half-pair "$n"
  assert_eq "die-half-pair at call $n, then an empty key object: the process died" 1 "$KILLED"
  token_dir=$(dirname "$(find "$tokens" -name token.object | head -1)")
  u8() { printf '\\x00\\x00\\x00\\x00\\x00\\x00\\x%02x\\x%02x' $(($1 >> 8)) $(($1 & 255)); }
  printf "$(u8 3)$(u8 0)$(u8 2)$(u8 3)$(u8 256)$(u8 2)$(u8 3)" > "$token_dir/00000000-0000-0000-0000-0000000000e0.object"
  : > "$token_dir/00000000-0000-0000-0000-0000000000e0.lock"
  assert_eq "... the empty object file is the 56 bytes SoftHSM left" 56 \
    "$(stat -c %s "$token_dir/00000000-0000-0000-0000-0000000000e0.object")"
  # Before the resume, the officer looks at the token: kr-token list shows both leftovers.
  "$KR_TEST_BIN/kr-quorum-reveal" --descriptor "$cer/k-hsm.shares.json" \
    --share "$cer/Ana.share=$WORK/passphrases/Ana.pass" --share "$cer/Ben.share=$WORK/passphrases/Ben.pass" |
    awk '$1 == "user-pin" {print $2}' > "$DIR/user.pin"
  set +e
  "$KR_BIN/kr-token" list --label k-hsm --pin-fd 3 3<"$DIR/user.pin" >"$DIR/list.out" 2>&1
  status=$?
  set -e
  assert_eq "kr-token list on the crashed token: exit 0, the audit key and two incomplete private keys" \
    "0 1 2" "$status $(grep -c '^keyrite-audit' "$DIR/list.out" || true) $(grep -c '^incomplete private key ' "$DIR/list.out" || true)"
  grep -q '^incomplete private key with no label CKA_ID none: ' "$DIR/list.out" &&
    grep -q '^incomplete private key "root" CKA_ID [0-9a-f]*: key "root" has no public key object' "$DIR/list.out" &&
    pass "... naming the lone private key and the object with no label or id" ||
    fail "kr-token list: $(cat "$DIR/list.out")"
  NOTE="$(objects) token objects"
  check_cycle "the device died in C_GenerateKeyPair leaving half a pair and an empty key object"
  assert_eq "resume destroyed the half pair by its CKA_ID and the empty object, each recorded" \
    "false 1|true 1" \
    "$(jq -r 'select(.type=="key-destroyed" and .details.half_made==true) | "\(.details.empty // false) \(.details.objects)"' \
      "$WORK/last-transcript.jsonl" | paste -sd'|')"
  # Dead right after the token signed: the CRL (the signature before the last: its number reserved,
  # the CRL never written), and the closing checkpoint (the last C_Sign: every step recorded,
  # ceremony-finished unsigned). Resume skips the number and closes.
  # (pkcs11-helper calls C_SignInit and C_Sign twice per signature: for the length, then for it.)
  crl_sign=$(awk '$2 == "C_Sign" {s[++k] = $1} END {print s[k - 2]}' "$trace")
  closing_sign=$(awk '$2 == "C_Sign" {last = $1} END {print last}' "$trace")
  for n in $crl_sign $closing_sign; do
    fresh "die-$n"
    run_until_death die "$n"
    what=$([[ $n == "$closing_sign" ]] && echo "the closing checkpoint" || echo "the CRL")
    assert_eq "the device died after signing $what (call $n): the process died" 1 "$KILLED"
    NOTE="last event $(jq -r .type "$LOG" | tail -1)"
    check_cycle "the device died after signing $what (call $n)"
    if [[ $n == "$crl_sign" ]]; then
      [[ -n $(jq -c 'select(.type=="crl-number-skipped")' "$WORK/last-transcript.jsonl") ]] &&
        pass "the CRL number the dead run reserved is skipped for good, and recorded" ||
        fail "no crl-number-skipped after the run died holding a reserved CRL number"
    fi
  done
  # quorum.unlock: every-step (each step's custodians open their shares again, and the close after
  # a death opens them once more): a whole run, then a death after the closing checkpoint's
  # signature, resumed.
  every_step() { sed -i 's|quorum: {activation: 2-of-3,|quorum: {activation: 2-of-3, unlock: every-step,|' "$DIR/kill.yaml"; }
  fresh every-step; every_step
  KILLED=0; NOTE=""
  "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" >"$DIR/run.out" 2>&1 ||
    fail "quorum.unlock every-step: $(tail -3 "$DIR/run.out")"
  assert_eq "every-step: each of the six steps approved by two custodians opening their shares" 6 \
    "$(grep -c 'approves (2 of 2 approved)' "$DIR/run.out" || true)"
  assert_eq "the summary lists the four artifacts, not the CRL state file (the files table names it)" 1 \
    "$(grep -c '^artifacts (4) in ' "$DIR/run.out" || true)"
  check_cycle "quorum.unlock every-step, a whole run"
  fresh every-step-die; every_step
  run_until_death die "$closing_sign"
  assert_eq "every-step: the device died after signing the closing checkpoint" 1 "$KILLED"
  NOTE=""
  check_cycle "quorum.unlock every-step, closed by resume after the closing checkpoint was lost"
  MODULE=
fi
echo "kill cycles: $((SECONDS - started)) s"
finish
