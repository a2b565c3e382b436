#!/usr/bin/env bash
# kr-token init --quorum 3-of-5 on a private SoftHSM: share files (mode 0600) and descriptor,
# the audit key in the token, each custodian's share checked alone, refusals before the token
# is touched, a rotation to 2-of-3 that recovers the same secret, gfcombine recombining
# keyrite's shares, and no passphrase, PIN or secret in any file or output keyrite produced.
source "$(dirname "$0")/lib.sh"
: "${KR_TEST_BIN:?KR_TEST_BIN must point at the built test helpers}"
command -v gfcombine >/dev/null || { fail "gfcombine missing: scripts/install-deps installs libgfshare-bin"; finish; }
dir=$WORK/softhsm
mkdir -p "$dir/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir/tokens" > "$dir/softhsm2.conf"
export SOFTHSM2_CONF=$dir/softhsm2.conf

out=$WORK/out; secrets=$WORK/secrets; reveal=$WORK/reveal
umask 077  # passphrase files others can read are refused (checked below)
mkdir -p "$out" "$secrets" "$reveal"
LOG=$WORK/all-keyrite-output
: > "$LOG"
# Runs a keyrite tool through run_expect and keeps everything it printed for the final grep.
kr() { local want=$1; shift; local rc=0; run_expect "$want" "$@" || rc=1
  cat "$WORK/stdout" "$WORK/stderr" >> "$LOG"; return $rc; }

old=(Cara Dev Eli Fay Gus)
custodian_args=(); pass_args=()
for name in "${old[@]}"; do
  echo "passphrase of $name, $RANDOM$RANDOM" > "$secrets/$name.pass"
  custodian_args+=(--custodian "$name=$out/$name.share")
  pass_args+=(--passphrase-file "$name=$secrets/$name.pass")
done

# Refusals come before the token is touched: no token, no file.
refused() {  # refused WHAT EXPECTED-FIRST-LINE ARGS...
  local what=$1 expected=$2; shift 2
  kr 1 "$KR_BIN/kr-token" init --label "refused-token" "$@" || true
  assert_eq "$what" "$expected" "$(head -1 <<<"$ERR")"
}
refused "m < 2 is refused" "kr-token: error: a quorum of 1 is not a quorum" \
  --quorum 1-of-5 "${custodian_args[@]}" --descriptor "$out/set.json" "${pass_args[@]}"
refused "fewer custodians than N are refused" \
  "kr-token: error: --quorum 3-of-6 needs 6 --custodian NAME=PATH options, not 5" \
  --quorum 3-of-6 "${custodian_args[@]}" --descriptor "$out/set.json" "${pass_args[@]}"
refused "a custodian named twice is refused" "kr-token: error: --custodian: Cara is named twice" \
  --quorum 2-of-2 --custodian "Cara=$out/a" --custodian "Cara=$out/b" --descriptor "$out/set.json"
refused "one path for two custodians is refused" \
  "kr-token: error: $out/a is named as an output twice" \
  --quorum 2-of-2 --custodian "Cara=$out/a" --custodian "Dev=$out/a" --descriptor "$out/set.json"
echo taken > "$out/taken.share"
refused "an existing share file is refused" \
  "kr-token: error: $out/taken.share: already exists; keyrite never overwrites a file" \
  --quorum 2-of-2 --custodian "Cara=$out/taken.share" --custodian "Dev=$out/d" --descriptor "$out/set.json"
rm "$out/taken.share"
refused "a KDF below 8 MiB is refused" "kr-token: error: kdf-memory-kib: 1024 is below the minimum 8192" \
  --quorum 2-of-2 --custodian "Cara=$out/a" --custodian "Dev=$out/b" --descriptor "$out/set.json" --kdf-memory-kib 1024
echo k9w2q > "$secrets/short.pass"
refused "a short passphrase is refused" \
  "kr-token: error: passphrase of custodian Dev: a passphrase must have at least 8 characters" \
  --quorum 2-of-2 --custodian "Cara=$out/a" --custodian "Dev=$out/b" --descriptor "$out/set.json" \
  --passphrase-file "Cara=$secrets/Cara.pass" --passphrase-file "Dev=$secrets/short.pass"
chmod 644 "$secrets/Dev.pass"
kr 2 "$KR_BIN/kr-token" init --label refused-token --quorum 2-of-2 --custodian "Cara=$out/a" --custodian "Dev=$out/b" --descriptor "$out/set.json" \
  --passphrase-file "Cara=$secrets/Cara.pass" --passphrase-file "Dev=$secrets/Dev.pass" || true
assert_eq "a passphrase file others can read is refused" \
  "kr-token: error: $secrets/Dev.pass: the passphrase of custodian Dev file is readable by others" \
  "$(head -1 <<<"$ERR")"
chmod 600 "$secrets/Dev.pass"
kr 2 "$KR_BIN/kr-token" list --label refused-token --pin-fd 3 3</dev/null || true
grep -q 'no token labelled "refused-token"' <<<"$ERR" && pass "no token was created by a refused init" || fail "refused init: $ERR"
assert_eq "no file was written by a refused init" "" "$(ls "$out")"

# The real set-up.
kr 0 "$KR_BIN/kr-token" init --label quorum-hsm --quorum 3-of-5 "${custodian_args[@]}" \
  --descriptor "$out/set.json" "${pass_args[@]}" --kdf-memory-kib 8192
grep -q '^token "quorum-hsm" created (serial [0-9a-f]*); its PINs are derived from a secret split 3-of-5$' <<<"$OUT" &&
  pass "init --quorum reports the token" || fail "init output: $OUT"
for name in "${old[@]}"; do
  assert_eq "$name's share file is mode 0600" "600" "$(stat -c %a "$out/$name.share")"
done
assert_eq "descriptor lists 5 custodians, 3-of-5" "5 3" "$(jq -r '"\(.custodians|length) \(.threshold)"' "$out/set.json")"
assert_eq "descriptor records each file's SHA-256" "$(sha256sum "$out/Eli.share" | cut -d' ' -f1)" \
  "$(jq -r '.custodians[] | select(.custodian=="Eli") | .["file-sha256"]' "$out/set.json")"
openssl pkey -pubin -in "$out/set.json.audit-key.pem" -noout -text 2>/dev/null | grep -q "NIST CURVE: P-256" &&
  pass "audit public key is P-256 PEM" || fail "audit key PEM"

for name in "${old[@]}"; do
  kr 0 "$KR_BIN/kr-quorum" verify-share "$out/$name.share" --descriptor "$out/set.json" \
    --passphrase-file "$secrets/$name.pass"
  grep -q "^share OK: custodian $name, index [1-5] of share set $(jq -r '.["set-id"]' "$out/set.json") (activation, 3-of-5, token \"quorum-hsm\"" <<<"$OUT" &&
    pass "verify-share accepts $name's share" || fail "verify-share $name: $OUT"
done
kr 2 "$KR_BIN/kr-quorum" verify-share "$out/Dev.share" --descriptor "$out/set.json" --passphrase-file "$secrets/Cara.pass" || true
assert_eq "a wrong passphrase names the custodian" \
  "kr-quorum: error: wrong passphrase for custodian Dev ($out/Dev.share)" "$(head -1 <<<"$ERR")"
cp "$out/Fay.share" "$WORK/fay-tampered.share"
sed -i 's/^kdf-iterations: 3$/kdf-iterations: 1/' "$WORK/fay-tampered.share"
kr 2 "$KR_BIN/kr-quorum" verify-share "$WORK/fay-tampered.share" --descriptor "$out/set.json" --passphrase-file "$secrets/Fay.pass" || true
assert_eq "a tampered share is named" \
  "kr-quorum: error: $WORK/fay-tampered.share (custodian Fay): the file has been modified since the share set was made (its SHA-256 differs from the descriptor's file-sha256)" \
  "$(head -1 <<<"$ERR")"

# What only the test may see: the secret and PINs, from three shares.
run_expect 0 "$KR_TEST_BIN/kr-quorum-reveal" --descriptor "$out/set.json" --gfshare-stem "$reveal/raw" \
  --share "$out/Cara.share=$secrets/Cara.pass" --share "$out/Eli.share=$secrets/Eli.pass" \
  --share "$out/Gus.share=$secrets/Gus.pass"
secret=$(sed -n 's/^secret //p' <<<"$OUT"); user_pin=$(sed -n 's/^user-pin //p' <<<"$OUT"); so_pin=$(sed -n 's/^so-pin //p' <<<"$OUT")
assert_eq "the secret is 256 bits" 64 "${#secret}"
openssl_pin=$(openssl kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt "hexkey:$secret" \
  -kdfopt "info:keyrite user pin" HKDF | tr -d ':\n' | tr 'A-F' 'a-f')
assert_eq "the user PIN is HKDF-SHA256 of the secret as openssl computes it" "$openssl_pin" "$user_pin"
echo "$user_pin" > "$reveal/user.pin"
kr 0 "$KR_BIN/kr-token" list --label quorum-hsm --pin-fd 3 3<"$reveal/user.pin"
grep -q "^keyrite-audit  *EC P-256 " <<<"$OUT" && pass "the derived user PIN logs in; the audit key is on the token" || fail "list: $OUT"
pem_fp=$(openssl pkey -pubin -in "$out/set.json.audit-key.pem" -outform DER | sha256sum | cut -d' ' -f1)
grep -q "SPKI SHA-256 $pem_fp" <<<"$OUT" && pass "the audit key PEM is the token's key" || fail "audit PEM $pem_fp vs $OUT"
(cd "$reveal" && gfcombine -o combined raw.001 raw.003 raw.005)
assert_eq "gfcombine recombines keyrite's shares to the same secret" "$secret" "$(od -An -tx1 -v "$reveal/combined" | tr -d ' \n')"

# Rotation to 2-of-3 needs the old quorum and keeps the secret.
new=(Hal Ida Jo)
new_args=()
for name in "${new[@]}"; do
  echo "new passphrase of $name, $RANDOM$RANDOM" > "$secrets/$name.pass"
  new_args+=(--custodian "$name=$out/$name.share" --new-passphrase-file "$name=$secrets/$name.pass")
done
kr 2 "$KR_BIN/kr-quorum" rotate --descriptor "$out/set.json" --share "$out/Cara.share" --share "$out/Dev.share" \
  --passphrase-file "Cara=$secrets/Cara.pass" --passphrase-file "Dev=$secrets/Dev.pass" \
  --quorum 2-of-3 "${new_args[@]}" --out-descriptor "$out/set2.json" --kdf-memory-kib 8192 || true
assert_eq "rotation refuses fewer than the old m" "kr-quorum: error: 2 of the 3 shares needed were presented" \
  "$(grep error: <<<"$ERR" | head -1)"
assert_no_file "a refused rotation writes nothing" "$out/Hal.share"
kr 2 "$KR_BIN/kr-quorum" rotate --descriptor "$out/set.json" --share "$out/Cara.share" --share "$out/Dev.share" \
  --share "$out/Cara.share" --passphrase-file "Cara=$secrets/Cara.pass" --passphrase-file "Dev=$secrets/Dev.pass" \
  --quorum 2-of-3 "${new_args[@]}" --out-descriptor "$out/set2.json" --kdf-memory-kib 8192 || true
assert_eq "rotation refuses a custodian twice" "kr-quorum: error: custodian Cara presented a share twice" \
  "$(grep error: <<<"$ERR" | head -1)"
kr 0 "$KR_BIN/kr-quorum" rotate --descriptor "$out/set.json" --share "$out/Dev.share" --share "$out/Fay.share" \
  --share "$out/Gus.share" --passphrase-file "Dev=$secrets/Dev.pass" --passphrase-file "Fay=$secrets/Fay.pass" \
  --passphrase-file "Gus=$secrets/Gus.pass" --quorum 2-of-3 "${new_args[@]}" --out-descriptor "$out/set2.json" \
  --kdf-memory-kib 8192
grep -q "re-split as [0-9a-f]\{32\} (2-of-3) for token \"quorum-hsm\"" <<<"$OUT" && pass "rotate reports the new set" || fail "rotate: $OUT"
for name in "${new[@]}"; do
  assert_eq "$name's new share file is mode 0600" "600" "$(stat -c %a "$out/$name.share")"
  kr 0 "$KR_BIN/kr-quorum" verify-share "$out/$name.share" --descriptor "$out/set2.json" --passphrase-file "$secrets/$name.pass"
done
pass "every new custodian's share verifies against the new descriptor"
run_expect 0 "$KR_TEST_BIN/kr-quorum-reveal" --descriptor "$out/set2.json" \
  --share "$out/Jo.share=$secrets/Jo.pass" --share "$out/Hal.share=$secrets/Hal.pass"
assert_eq "the rotated 2-of-3 set combines to the same secret" "secret $secret" "$(head -1 <<<"$OUT")"
kr 2 "$KR_BIN/kr-quorum" verify-share "$out/Hal.share" --descriptor "$out/set.json" --passphrase-file "$secrets/Hal.pass" || true
grep -q "(custodian Hal): belongs to share set .*, not to set $(jq -r '.["set-id"]' "$out/set.json") of the descriptor" <<<"$ERR" &&
  pass "a new share is refused under the old descriptor" || fail "foreign set: $ERR"

# Passphrases typed at a terminal: asked twice, never echoed, a short one or a mismatch asked again.
if command -v script >/dev/null; then
  type_lines() { sleep 1; for line in "$@"; do printf '%s\n' "$line"; sleep 0.5; done; sleep 1; }
  tty_args="--label tty-quorum --quorum 2-of-2 --custodian Ann=$out/Ann.share --custodian Ben=$out/Ben.share --descriptor $out/tty.json --kdf-memory-kib 8192"
  echo "typed passphrase Ann 4711" > "$secrets/Ann.pass"; echo "typed passphrase Ben 0815" > "$secrets/Ben.pass"
  # A short entry and a mismatch ask the same custodian again; nobody's entries are lost.
  type_lines "short" "typed passphrase Ann 4711" "typed passphrase Ann 4712" \
    "typed passphrase Ann 4711" "typed passphrase Ann 4711" "typed passphrase Ben 0815" "typed passphrase Ben 0815" |
    timeout 60 script -qec "$KR_BIN/kr-token init $tty_args" /dev/null > "$WORK/screen2" 2>&1 || true
  screen=$(tr -d '\r' < "$WORK/screen2"); echo "$screen" >> "$LOG"
  grep -q "too short: " <<<"$screen" &&
    pass "a short typed passphrase asks the same custodian again" || fail "tty short: $screen"
  grep -q "the two entries differ; type both again. new passphrase of custodian Ann" <<<"$screen" &&
    pass "two different typed passphrases ask the same custodian again" || fail "tty mismatch: $screen"
  grep -q "repeat the new passphrase of custodian Ben: " <<<"$screen" && grep -q 'token "tty-quorum" created' <<<"$screen" &&
    pass "each custodian is asked twice at the terminal" || fail "tty init: $screen"
  kr 0 "$KR_BIN/kr-quorum" verify-share "$out/Ben.share" --descriptor "$out/tty.json" --passphrase-file "$secrets/Ben.pass"
  pass "the typed passphrase opens the share"
else
  fail "util-linux script is not installed"
fi

# No passphrase, PIN or secret in anything keyrite wrote or printed.
leaks=0
for needle in "$secret" "$user_pin" "$so_pin" $(cat "$secrets"/*.pass | tr ' ' '\n' | grep -E '^[0-9]{6,}$'); do
  if grep -rqF -- "$needle" "$out" "$LOG"; then fail "found a secret value in keyrite's files or output"; leaks=1; fi
done
while read -r line; do
  if grep -rqF -- "$line" "$out" "$LOG"; then fail "found a passphrase in keyrite's files or output"; leaks=1; fi
done < <(cat "$secrets"/*.pass)
[[ $leaks == 0 ]] && pass "no passphrase, PIN or secret in $(ls "$out" | wc -l) files and $(wc -l < "$LOG") lines of output"
finish
