#!/usr/bin/env bash
# SIGINT, SIGTERM, a full disk and a read-only directory (issue 15, item 6), on the six-step
# quorum ceremony of crash_lib.sh:
#   - SIGINT or SIGTERM while the run waits for a custodian stops it at the next safe point, before
#     the step: exit 2 naming the signal, the transcript ending ceremony-failed and a closing
#     checkpoint, verifying "ok";
#   - an output directory or CRL-state directory on a read-only file system is refused before the
#     token is touched: no transcript, no file, no key;
#   - an output directory on a small tmpfs that fills up mid-ceremony (at several sizes below
#     what the ceremony needs) fails with "No space left on device": no temporary file, every
#     file on disk recorded or named by the interrupted step's artifact-intent, a transcript that
#     verifies "ok" or "incomplete" (never "failed").
# Each interrupted ceremony is then resumed (with room on the disk) to a transcript that
# verifies and replays clean with every artifact. Mounting needs root (CAP_SYS_ADMIN).
source "$(dirname "$0")/crash_lib.sh"
mounts=()
trap 'for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done
      [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"' EXIT
# tmpfs DIR OPTIONS : mounts a tmpfs at DIR for the rest of the test.
tmpfs() {
  mkdir -p "$1"
  mount -t tmpfs -o "$2" tmpfs "$1" || { fail "mount -t tmpfs -o $2 at $1 (needs root)"; finish; }
  mounts+=("$1")
}
types() { jq -r .type "$LOG" | tail -"$1" | tr '\n' ' ' | sed 's/ $//'; }

fresh reference
run_expect 0 "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" || finish
artifacts=$(cd "$ODIR" && ls | grep -v -e '\.events\.jsonl$' -e '\.inventory\.jsonl$' | tr '\n' ' ')
needed_kib=$(du -sk "$DIR" | cut -f1)

# 1. SIGINT and SIGTERM while the run waits for a custodian: Ben is absent from sub-key (step 3)
# on, and Cara's passphrase file is a pipe that nobody writes until the signal has been sent.
for name in INT TERM; do
  fresh "sig$name"
  mkfifo -m 600 "$DIR/cara.fifo"
  "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" --absent-from sub-key=Ben \
    --share "Cara=$cer/Cara.share" --passphrase-file "Cara=$DIR/cara.fifo" >"$DIR/run.out" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q "Cara (share" "$DIR/run.out" && break; sleep 0.1; done
  kill -s "$name" $pid
  timeout 60 cp "$WORK/passphrases/Cara.pass" "$DIR/cara.fifo" || true
  set +e; wait $pid; status=$?; set -e
  assert_eq "SIG$name: exit 2" 2 "$status"
  grep -q "interrupted by SIG$name at a safe point" "$DIR/run.out" &&
    pass "SIG$name: the run says it stopped at a safe point" || fail "SIG$name: $(tail -5 "$DIR/run.out")"
  assert_eq "SIG$name: step 3 did not run; the transcript ends with ceremony-failed and a closing checkpoint" \
    "0 ceremony-failed checkpoint" \
    "$(jq -s '[.[] | select(.step=="sub-key" and .type=="key-generated")] | length' "$LOG") $(types 2)"
  run_expect 0 "$KR_BIN/kr-transcript" verify "$LOG" --audit-key "$audit" || true
  grep -q "^verdict:    ok" <<<"$OUT" && pass "SIG$name: the transcript verifies" || fail "SIG$name verify: $OUT"
  KILLED=0; check_cycle "SIG$name at the approvals of step 3"
done

# 2. Read-only: the output directory, then the CRL state's directory.
fresh read-only
tmpfs "$ODIR" ro,size=1m
run_expect 2 "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" || true
grep -q "output directory $ODIR: .*Read-only file system" <<<"$ERR" &&
  pass "a read-only output directory is refused, named: $(head -1 <<<"$ERR")" || fail "read-only: $ERR"
assert_eq "read-only output: the token is untouched" "$pristine_objects" "$(objects)"
fresh state-read-only
ceremony_script "$DIR/state" > "$DIR/kill.yaml"
tmpfs "$DIR/state" ro,size=1m
run_expect 2 "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" || true
grep -q "$DIR/state/crl-state.jsonl.*Read-only file system" <<<"$ERR" &&
  pass "a read-only CRL state directory is refused, named: $(head -1 <<<"$ERR")" || fail "state read-only: $ERR"
assert_no_file "read-only CRL state: no transcript" "$LOG"
assert_eq "read-only CRL state: the token is untouched" "$pristine_objects" "$(objects)"

# 3. A full disk at a quarter, a half and 70% of what the ceremony needs (du: above ~85% it fits).
for percent in 25 50 70; do
  kib=$(( needed_kib * percent / 100 / 4 * 4 ))
  mkdir -p "$WORK/cycles/full-$percent"; tmpfs "$WORK/cycles/full-$percent" "size=${kib}k"
  fresh "full-$percent"
  run_expect 2 "$KR_BIN/kr-ceremony" run "$DIR/kill.yaml" --output-dir "$ODIR" "${ARGS[@]}" || true
  problems=""
  grep -q "No space left on device" <<<"$ERR" || problems+="error: $ERR"$'\n'
  left=$(find "$DIR" -name '.*.tmp-*')
  [[ -z $left ]] || problems+="temporary files left: $left"$'\n'
  if [[ -f $LOG ]]; then
    verdict=$("$KR_BIN/kr-transcript" verify "$LOG" --audit-key "$audit" 2>&1 | sed -n 's/^verdict: *//p' || true)
    [[ $verdict == ok || $verdict == incomplete* ]] || problems+="verdict: $verdict"$'\n'
    for f in $(cd "$ODIR" && find . -type f ! -name '*.jsonl' -printf '%P\n'); do
      sum=$(sha256sum < "$ODIR/$f" | cut -d' ' -f1)
      # fromjson?: the last line may be cut where the disk filled.
      [[ -n $(jq -R -c --arg n "$f" --arg s "$sum" 'fromjson? | select(.outputs[]? | .name == $n and .sha256 == $s)' "$LOG") ]] ||
        [[ -n $(jq -R -c --arg t "file:$f" 'fromjson? | select(.type=="artifact-intent" and .target==$t)' "$LOG") ]] ||
        problems+="$f is neither recorded nor named by an intent"$'\n'
    done
  fi
  [[ -z $problems ]] && pass "a disk full at $percent% ($kib KiB of $needed_kib) fails cleanly: $(head -1 <<<"$ERR")" ||
    { fail "full disk at $percent%:"; echo "$problems" >&2; }
  mount -o remount,size=64m "$DIR"
  KILLED=0; check_cycle "resumed after the disk filled at $percent%"
done
finish
