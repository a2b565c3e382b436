#!/usr/bin/env bash
# kr-token init --quorum at a real terminal (a pty): every refusal (label taken, module missing,
# share directory missing, share file existing, descriptor existing) comes before anyone is asked
# for a passphrase; a short passphrase and a mistyped repeat ask that custodian again, with the
# minimum length at the prompt; the end tells each custodian how to check their share, and the
# passphrases typed after the retries open the shares.
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?}"
new_softhsm taken-hsm   # a token labelled taken-hsm, and SOFTHSM2_CONF for the rest
d=$WORK/init; mkdir -p "$d"

# at_terminal LOG ANSWERS... : runs kr-token init --quorum 2-of-3 under a pty with ARGS from
# $INIT_ARGS (one per line), answering each passphrase prompt with the next ANSWER; everything the
# terminal showed goes to LOG; sets STATUS.
at_terminal() {
  local log=$1; shift
  set +e
  python3 - "$log" "$@" <<'PY'
import os, pty, select, sys, time
log, answers = sys.argv[1], sys.argv[2:]
args = [os.environ["KR_BIN"] + "/kr-token", "init", "--module", os.environ.get("MODULE", "softhsm2"),
        "--quorum", "2-of-3", "--kdf-memory-kib", "8192"] + os.environ["INIT_ARGS"].splitlines()
pid, fd = pty.fork()
if pid == 0:
    os.execv(args[0], args)
seen, deadline = b"", time.time() + 60
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.5)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        # A prompt ends in ": " and waits: answer it, or stop a program that asks too much.
        if seen.endswith(b": ") and b"passphrase" in seen.splitlines()[-1]:
            if not answers:
                os.kill(pid, 9)
                break
            os.write(fd, answers.pop(0).encode() + b"\n")
else:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
open(log, "wb").write(seen)
sys.exit(os.waitstatus_to_exitcode(status))
PY
  STATUS=$?
  set -e
}
# init_args LABEL DESCRIPTOR SHARE-DIR: three custodians whose names have spaces and an apostrophe.
init_args() {
  INIT_ARGS=$(printf '%s\n' --label "$1" --descriptor "$2" --custodian "Ana Ortiz=$3/ana.share" \
    --custodian "Zoë O'Brien=$3/zoe.share" --custodian "Bo Li=$3/bo.share")
  export INIT_ARGS
}
# refused_early NAME EXPECTED: the refusal names EXPECTED, and no passphrase was asked for.
refused_early() {
  at_terminal "$WORK/$1.log"
  if [[ $STATUS != 0 ]] && grep -qF -- "$2" "$WORK/$1.log"; then pass "$1: refused: $2"; else
    fail "$1: status $STATUS, expected '$2' in: $(cat "$WORK/$1.log")"; fi
  if grep -q "passphrase of custodian" "$WORK/$1.log"; then fail "$1: a passphrase was asked for"; else
    pass "$1: refused before any passphrase was asked"; fi
}

init_args taken-hsm "$d/taken.json" "$d"
refused_early label-taken 'a token labelled "taken-hsm" already exists'

init_args new-hsm "$d/new.json" "$WORK/no-such-stick"
refused_early share-dir-missing "$WORK/no-such-stick/ana.share: the directory $WORK/no-such-stick does not exist"

touch "$d/bo.share"
init_args new-hsm "$d/new.json" "$d"
refused_early share-exists "$d/bo.share: already exists; keyrite never overwrites a file"
rm "$d/bo.share"

touch "$d/new.json.audit-key.pem"
refused_early descriptor-taken "$d/new.json.audit-key.pem: already exists"
rm "$d/new.json.audit-key.pem"

export MODULE=/nonexistent/libpkcs11.so
refused_early module-missing "/nonexistent/libpkcs11.so"
unset MODULE

# Ana types a good passphrase; Zoë types a short one, then mistypes the repeat, then both again.
at_terminal "$WORK/retry.log" "ana-passphrase-1" "ana-passphrase-1" "short" "zoe-passphrase-2" "zoe-passphrase-X" \
  "zoe-passphrase-2" "zoe-passphrase-2" "bo-passphrase-33" "bo-passphrase-33"
assert_eq "init succeeds after the retries" "0" "$STATUS"
grep -q "new passphrase of custodian Ana Ortiz (at least 8 characters)" "$WORK/retry.log" &&
  pass "the prompt shows the minimum length" || fail "prompt: $(cat "$WORK/retry.log")"
grep -q "too short: a passphrase must have at least 8 characters. new passphrase of custodian Zoë O'Brien" "$WORK/retry.log" &&
  pass "a short passphrase asks the same custodian again" || fail "short: $(cat "$WORK/retry.log")"
grep -q "the two entries differ; type both again. new passphrase of custodian Zoë O'Brien" "$WORK/retry.log" &&
  pass "a mistyped repeat asks the same custodian again" || fail "mismatch: $(cat "$WORK/retry.log")"
grep -qF "Zoë O'Brien: kr-quorum verify-share $d/zoe.share --descriptor $d/new.json" "$WORK/retry.log" &&
  pass "the end tells each custodian how to check their share" || fail "hint: $(cat "$WORK/retry.log")"
(umask 077; echo zoe-passphrase-2 > "$WORK/zoe.pass")
run_expect 0 "$KR_BIN/kr-quorum" verify-share "$d/zoe.share" --descriptor "$d/new.json" --passphrase-file "$WORK/zoe.pass"
grep -q "share OK: custodian Zoë O'Brien" <<<"$OUT" && pass "the passphrase typed after the retries opens the share" || fail "verify: $OUT"
finish
