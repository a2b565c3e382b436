#!/usr/bin/env bash
# PINs typed at a terminal: kr-token init asks twice without echo, refuses a mismatch, and the PIN
# never appears on the screen. A pseudo-terminal comes from util-linux `script`; input is paced
# because the prompt flushes anything typed before it (as getpass does).
source "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { fail "util-linux script is not installed"; finish; }
dir=$WORK/softhsm
mkdir -p "$dir/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir/tokens" > "$dir/softhsm2.conf"
export SOFTHSM2_CONF=$dir/softhsm2.conf

type_lines() { sleep 1; for line in "$@"; do printf '%s\n' "$line"; sleep 0.5; done; sleep 1; }

type_lines so-secret-4711 so-secret-4711 user-secret-0815 user-secret-0815 |
  script -qec "$KR_BIN/kr-token init --label tty-token" /dev/null > "$WORK/screen" 2>&1 || true
screen=$(tr -d '\r' < "$WORK/screen")
grep -q 'token "tty-token" created' <<<"$screen" && pass "token created from PINs typed at the terminal" || fail "init: $screen"
grep -q "new security officer PIN: " <<<"$screen" && pass "the SO PIN is prompted" || fail "no SO prompt: $screen"
grep -q "repeat the new user PIN: " <<<"$screen" && pass "the user PIN is asked twice" || fail "no repeat prompt: $screen"
if grep -qE "so-secret-4711|user-secret-0815" <<<"$screen"; then fail "a PIN was echoed"; else pass "no PIN echoed"; fi

echo user-secret-0815 > "$WORK/pin"
run_expect 0 "$KR_BIN/kr-token" list --label tty-token --pin-fd 3 3<"$WORK/pin"
pass "the typed user PIN logs in"

type_lines so-secret-4711 so-secret-4712 | script -qec "$KR_BIN/kr-token init --label tty-two" /dev/null > "$WORK/screen2" 2>&1 || true
assert_eq "two different PINs are refused" "kr-token: error: the two security officer PINs differ" \
  "$(tr -d '\r' < "$WORK/screen2" | grep 'error:')"
run_expect 2 "$KR_BIN/kr-token" list --label tty-two --pin-fd 3 3<"$WORK/pin" || true
assert_eq "no token was created" "kr-token: error: no token labelled \"tty-two\" on /usr/lib/softhsm/libsofthsm2.so (tokens present: \"tty-token\")" "$(head -1 <<<"$ERR")"

# Without a terminal and without --pin-fd, the PIN is refused rather than read from stdin.
run_expect 2 setsid "$KR_BIN/kr-token" list --label tty-token < /dev/null || true
assert_eq "no terminal: clear error" "kr-token: error: no terminal to read the user PIN from" "$(head -1 <<<"$ERR")"
finish
